-- CreateTable
CREATE TABLE "TerminalFile" (
    "learnerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TerminalFile_pkey" PRIMARY KEY ("learnerId","name")
);

-- CreateTable
CREATE TABLE "TerminalHistoryEntry" (
    "id" SERIAL NOT NULL,
    "learnerId" TEXT NOT NULL,
    "line" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TerminalHistoryEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TerminalHistoryEntry_learnerId_id_idx" ON "TerminalHistoryEntry"("learnerId", "id");

-- AddForeignKey
ALTER TABLE "TerminalFile" ADD CONSTRAINT "TerminalFile_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TerminalHistoryEntry" ADD CONSTRAINT "TerminalHistoryEntry_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

