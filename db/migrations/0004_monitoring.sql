CREATE TABLE "alert_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"rule_id" uuid NOT NULL,
	"state" text NOT NULL,
	"value" double precision,
	"threshold" double precision NOT NULL,
	"message" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"notify_status" text DEFAULT 'none' NOT NULL,
	"notify_attempts" integer DEFAULT 0 NOT NULL,
	"notify_error" text,
	"notified_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "alert_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"builtin_key" text,
	"name" text NOT NULL,
	"metric" text NOT NULL,
	"comparator" text DEFAULT '>' NOT NULL,
	"threshold" double precision NOT NULL,
	"window_seconds" integer DEFAULT 300 NOT NULL,
	"for_seconds" integer DEFAULT 60 NOT NULL,
	"webhook_url" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"state" text DEFAULT 'inactive' NOT NULL,
	"state_since" timestamp with time zone,
	"last_value" double precision,
	"last_evaluated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_samples" (
	"sampled_at" timestamp with time zone PRIMARY KEY NOT NULL,
	"queue_depth" integer NOT NULL,
	"runs_running" integer NOT NULL,
	"runs_queued" integer NOT NULL,
	"dispatch_p95_ms" double precision,
	"step_failure_rate" double precision,
	"device_utilization" double precision
);
--> statement-breakpoint
ALTER TABLE "alert_events" ADD CONSTRAINT "alert_events_rule_id_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alert_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_events_rule_created_idx" ON "alert_events" USING btree ("rule_id","created_at");--> statement-breakpoint
CREATE INDEX "alert_events_created_idx" ON "alert_events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "alert_events_notify_pending_idx" ON "alert_events" USING btree ("id") WHERE "alert_events"."notify_status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "alert_rules_builtin_key_unique" ON "alert_rules" USING btree ("builtin_key");--> statement-breakpoint
-- Hand-written (not in the drizzle schema, whose tables belong to the runner): indexes for the
-- monitoring and metrics queries, which read work finished in a recent window and lease reclaims.
CREATE INDEX IF NOT EXISTS "step_executions_finished_at_idx" ON "step_executions" USING btree ("finished_at") WHERE "finished_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "executions_finished_at_idx" ON "executions" USING btree ("finished_at") WHERE "finished_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "execution_events_interrupted_idx" ON "execution_events" USING btree ("created_at") WHERE "type" = 'step.interrupted';
