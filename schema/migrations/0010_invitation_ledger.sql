-- A sent invitation is a contact in the ledger (issue 8 item 5): the guarded insert of
-- worker/db/invitations.ts and the eligibility read look for a customer's invitations since a
-- date. With created_at in the index that is a range seek instead of reading every invitation
-- of the customer. Erasure (project_id, customer_id) still uses the index's prefix.
DROP INDEX invitations_project_customer;
CREATE INDEX invitations_project_customer_created ON invitations(project_id, customer_id, created_at)
  WHERE customer_id IS NOT NULL;
