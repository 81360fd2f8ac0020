-- CreateTable
CREATE TABLE "SandboxDocument" (
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "json" TEXT,

    PRIMARY KEY ("accountId", "region", "key", "version")
);
