-- CreateTable
CREATE TABLE "ExamAnswer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "learnerId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "exam" TEXT NOT NULL,
    "choice" TEXT NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "answeredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ExamAnswer_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExamSet" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "learnerId" TEXT NOT NULL,
    "exam" TEXT NOT NULL,
    "questionIds" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "deadline" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    CONSTRAINT "ExamSet_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExamSetAnswer" (
    "setId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "choice" TEXT NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "answeredAt" DATETIME NOT NULL,

    PRIMARY KEY ("setId", "questionId"),
    CONSTRAINT "ExamSetAnswer_setId_fkey" FOREIGN KEY ("setId") REFERENCES "ExamSet" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ExamAnswer_learnerId_exam_answeredAt_idx" ON "ExamAnswer"("learnerId", "exam", "answeredAt");

-- CreateIndex
CREATE INDEX "ExamSet_learnerId_startedAt_idx" ON "ExamSet"("learnerId", "startedAt");

