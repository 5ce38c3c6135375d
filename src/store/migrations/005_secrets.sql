-- Secrets the bot makes for itself (the key that signs calendar links), made once and shared by
-- every instance on the same database.
CREATE TABLE app_secrets (
  name        text PRIMARY KEY,
  value       text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
