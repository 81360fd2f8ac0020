-- AlterTable
ALTER TABLE "LessonProgress" ADD COLUMN "checkResults" TEXT;
ALTER TABLE "LessonProgress" ADD COLUMN "exerciseStartedAt" DATETIME;
ALTER TABLE "LessonProgress" ADD COLUMN "quizAnswers" TEXT;

-- CreateTable
CREATE TABLE "LessonFile" (
    "learnerId" TEXT NOT NULL,
    "lessonId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("learnerId", "lessonId", "name"),
    CONSTRAINT "LessonFile_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiCall" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "input" TEXT NOT NULL,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "ApiCall_accountId_id_idx" ON "ApiCall"("accountId", "id");


-- L302's single editor text becomes its one file.
INSERT INTO "LessonFile" ("learnerId", "lessonId", "name", "text", "updatedAt")
SELECT "learnerId", "lessonId", 'orders-api.json', "editorText", "updatedAt" FROM "LessonProgress"
WHERE "lessonId" = 'L302' AND "editorText" IS NOT NULL;
