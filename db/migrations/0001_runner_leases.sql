DROP INDEX "step_executions_ready_idx";--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "rerun_of" uuid;--> statement-breakpoint
ALTER TABLE "step_executions" ADD COLUMN "lease_token" uuid;--> statement-breakpoint
ALTER TABLE "step_executions" ADD COLUMN "interruptions" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "executions_deadline_idx" ON "executions" USING btree ("deadline_at") WHERE "executions"."status" = 'running';--> statement-breakpoint
CREATE INDEX "step_executions_due_idx" ON "step_executions" USING btree ("run_at") WHERE "step_executions"."status" in ('ready', 'waiting');