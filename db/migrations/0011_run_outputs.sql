ALTER TABLE "executions" ADD COLUMN "outputs" jsonb;--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "parent_execution_id" uuid;--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "parent_step_id" text;--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "call_depth" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "executions" ADD CONSTRAINT "executions_parent_execution_id_executions_id_fk" FOREIGN KEY ("parent_execution_id") REFERENCES "public"."executions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "executions_parent_idx" ON "executions" USING btree ("parent_execution_id","parent_step_id") WHERE "executions"."parent_execution_id" IS NOT NULL;