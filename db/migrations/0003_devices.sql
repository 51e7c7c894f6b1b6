CREATE TABLE "device_command_logs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"command_id" text NOT NULL,
	"stream" text NOT NULL,
	"line" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "device_commands" (
	"id" text PRIMARY KEY NOT NULL,
	"device_id" text NOT NULL,
	"step_execution_id" uuid,
	"attempt" integer,
	"action" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"timeout_ms" integer,
	"status" text DEFAULT 'queued' NOT NULL,
	"output" jsonb,
	"error" jsonb,
	"progress" jsonb,
	"gateway_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	"acked_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"cancel_requested_at" timestamp with time zone,
	"cancel_sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "device_connections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"device_id" text NOT NULL,
	"gateway_id" text NOT NULL,
	"remote_address" text,
	"agent_version" text,
	"connected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disconnected_at" timestamp with time zone,
	"disconnect_reason" text
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"token_prefix" text NOT NULL,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"actions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"capabilities" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"max_concurrency" integer DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'offline' NOT NULL,
	"draining" boolean DEFAULT false NOT NULL,
	"load" integer DEFAULT 0 NOT NULL,
	"agent_version" text,
	"host" jsonb,
	"connection_id" uuid,
	"gateway_id" text,
	"last_seen_at" timestamp with time zone,
	"last_assigned_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "devices_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "device_command_logs" ADD CONSTRAINT "device_command_logs_command_id_device_commands_id_fk" FOREIGN KEY ("command_id") REFERENCES "public"."device_commands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_commands" ADD CONSTRAINT "device_commands_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_connections" ADD CONSTRAINT "device_connections_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "device_command_logs_command_idx" ON "device_command_logs" USING btree ("command_id","id");--> statement-breakpoint
CREATE INDEX "device_commands_active_idx" ON "device_commands" USING btree ("device_id","status") WHERE "device_commands"."status" in ('queued', 'delivered', 'acked', 'running');--> statement-breakpoint
CREATE INDEX "device_commands_device_created_idx" ON "device_commands" USING btree ("device_id","created_at");--> statement-breakpoint
CREATE INDEX "device_commands_step_idx" ON "device_commands" USING btree ("step_execution_id");--> statement-breakpoint
CREATE INDEX "device_connections_device_idx" ON "device_connections" USING btree ("device_id","connected_at");--> statement-breakpoint
CREATE INDEX "devices_status_idx" ON "devices" USING btree ("status");