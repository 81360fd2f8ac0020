-- AlterTable
ALTER TABLE "ExamSet" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'short';
ALTER TABLE "ExamSet" ADD COLUMN "reviewedAt" DATETIME;

-- CreateTable
CREATE TABLE "ExamFlag" (
    "learnerId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "flaggedAt" DATETIME NOT NULL,

    PRIMARY KEY ("learnerId", "questionId"),
    CONSTRAINT "ExamFlag_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExamReviewCard" (
    "learnerId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "due" DATETIME NOT NULL,
    "stability" REAL NOT NULL,
    "difficulty" REAL NOT NULL,
    "scheduledDays" INTEGER NOT NULL,
    "learningSteps" INTEGER NOT NULL,
    "reps" INTEGER NOT NULL,
    "lapses" INTEGER NOT NULL,
    "state" INTEGER NOT NULL,
    "lastReview" DATETIME,

    PRIMARY KEY ("learnerId", "questionId"),
    CONSTRAINT "ExamReviewCard_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ExamReviewCard_learnerId_due_idx" ON "ExamReviewCard"("learnerId", "due");
