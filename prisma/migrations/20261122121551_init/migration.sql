-- CreateTable
CREATE TABLE "Learner" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionHash" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "accessKeyId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "LessonProgress" (
    "learnerId" TEXT NOT NULL,
    "lessonId" TEXT NOT NULL,
    "editorText" TEXT,
    "failedChecks" INTEGER NOT NULL DEFAULT 0,
    "completedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("learnerId", "lessonId"),
    CONSTRAINT "LessonProgress_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Attempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "learnerId" TEXT NOT NULL,
    "lessonId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "diagnostics" JSONB NOT NULL,
    "checks" JSONB NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Attempt_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Sandbox" (
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("accountId", "region")
);

-- CreateIndex
CREATE UNIQUE INDEX "Learner_sessionHash_key" ON "Learner"("sessionHash");

-- CreateIndex
CREATE UNIQUE INDEX "Learner_accountId_key" ON "Learner"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "Learner_accessKeyId_key" ON "Learner"("accessKeyId");

-- CreateIndex
CREATE INDEX "Attempt_learnerId_lessonId_createdAt_idx" ON "Attempt"("learnerId", "lessonId", "createdAt");

