CREATE TABLE "monitoring_minute_rollups" (
	"minute_end" timestamp with time zone PRIMARY KEY NOT NULL,
	"steps_finished" integer NOT NULL,
	"steps_failed" integer NOT NULL,
	"step_duration_hist" jsonb NOT NULL,
	"dispatch_latency_hist" jsonb NOT NULL,
	"runs_finished" integer NOT NULL,
	"runs_failed" integer NOT NULL,
	"rolled_at" timestamp with time zone DEFAULT now() NOT NULL
);
