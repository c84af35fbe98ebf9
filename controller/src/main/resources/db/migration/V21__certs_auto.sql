-- paas certs:auto: the app's custom domains get certificates over ACME, renewed before they expire;
-- certs_auto_status is the last attempt's outcome, as paas certs:auto shows it.
ALTER TABLE apps ADD COLUMN certs_auto BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE apps ADD COLUMN certs_auto_status TEXT;
