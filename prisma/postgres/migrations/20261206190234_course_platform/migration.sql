-- AlterTable
ALTER TABLE "LessonProgress" ADD COLUMN     "checkResults" TEXT,
ADD COLUMN     "exerciseStartedAt" TIMESTAMP(3),
ADD COLUMN     "quizAnswers" TEXT;

-- CreateTable
CREATE TABLE "LessonFile" (
    "learnerId" TEXT NOT NULL,
    "lessonId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LessonFile_pkey" PRIMARY KEY ("learnerId","lessonId","name")
);

-- CreateTable
CREATE TABLE "ApiCall" (
    "id" SERIAL NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "input" TEXT NOT NULL,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiCall_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ApiCall_accountId_id_idx" ON "ApiCall"("accountId", "id");

-- AddForeignKey
ALTER TABLE "LessonFile" ADD CONSTRAINT "LessonFile_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- L302's single editor text becomes its one file.
INSERT INTO "LessonFile" ("learnerId", "lessonId", "name", "text", "updatedAt")
SELECT "learnerId", "lessonId", 'orders-api.json', "editorText", "updatedAt" FROM "LessonProgress"
WHERE "lessonId" = 'L302' AND "editorText" IS NOT NULL;
