-- AlterTable
ALTER TABLE "ExamSet" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'short',
ADD COLUMN     "reviewedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ExamFlag" (
    "learnerId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "flaggedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExamFlag_pkey" PRIMARY KEY ("learnerId","questionId")
);

-- CreateTable
CREATE TABLE "ExamReviewCard" (
    "learnerId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "due" TIMESTAMP(3) NOT NULL,
    "stability" DOUBLE PRECISION NOT NULL,
    "difficulty" DOUBLE PRECISION NOT NULL,
    "scheduledDays" INTEGER NOT NULL,
    "learningSteps" INTEGER NOT NULL,
    "reps" INTEGER NOT NULL,
    "lapses" INTEGER NOT NULL,
    "state" INTEGER NOT NULL,
    "lastReview" TIMESTAMP(3),

    CONSTRAINT "ExamReviewCard_pkey" PRIMARY KEY ("learnerId","questionId")
);

-- CreateIndex
CREATE INDEX "ExamReviewCard_learnerId_due_idx" ON "ExamReviewCard"("learnerId", "due");

-- AddForeignKey
ALTER TABLE "ExamFlag" ADD CONSTRAINT "ExamFlag_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExamReviewCard" ADD CONSTRAINT "ExamReviewCard_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;
