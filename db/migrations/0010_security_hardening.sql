CREATE TABLE "command_secret_grants" (
	"step_execution_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"name" text NOT NULL,
	"version" text NOT NULL,
	"ciphertext" text NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "command_secret_grants_step_execution_id_attempt_name_version_pk" PRIMARY KEY("step_execution_id","attempt","name","version")
);
--> statement-breakpoint
CREATE TABLE "webhook_signatures_seen" (
	"trigger_id" uuid NOT NULL,
	"signature" text NOT NULL,
	"seen_until" timestamp with time zone NOT NULL,
	CONSTRAINT "webhook_signatures_seen_trigger_id_signature_pk" PRIMARY KEY("trigger_id","signature")
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "repeat_count" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "last_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "collapse_key" text;--> statement-breakpoint
CREATE INDEX "command_secret_grants_granted_idx" ON "command_secret_grants" USING btree ("granted_at");--> statement-breakpoint
CREATE INDEX "webhook_signatures_seen_until_idx" ON "webhook_signatures_seen" USING btree ("seen_until");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_collapse_unique" ON "audit_events" USING btree ("collapse_key");--> statement-breakpoint
-- Hand-written (drizzle-kit does not manage triggers): a collapsed refusal row may count further
-- repeats (repeat_count up, last_at); every other column of every row stays as written.
CREATE OR REPLACE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'UPDATE' AND OLD.collapse_key IS NOT NULL AND NEW.repeat_count > OLD.repeat_count
		AND (to_jsonb(NEW) - 'repeat_count' - 'last_at') = (to_jsonb(OLD) - 'repeat_count' - 'last_at') THEN
		RETURN NEW;
	END IF;
	RAISE EXCEPTION 'audit_events is append-only';
END
$$;
