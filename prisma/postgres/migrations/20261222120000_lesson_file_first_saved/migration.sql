-- AlterTable
ALTER TABLE "LessonFile" ADD COLUMN     "firstSavedAt" TIMESTAMP(3);
