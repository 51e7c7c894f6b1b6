CREATE INDEX "executions_created_idx" ON "executions" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "step_executions_failed_idx" ON "step_executions" USING btree ("execution_id") WHERE "step_executions"."status" = 'failed';--> statement-breakpoint
CREATE INDEX "device_commands_created_idx" ON "device_commands" USING btree ("created_at");