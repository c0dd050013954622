/**
 * SQL conditions on `leads l` for a lead waiting in the human queue: open, not claimed (or its
 * claim expired), no callback booked for later, and not in a campaign that is not running.
 * `$1` is the tenant id.
 */
export const WAITING_LEAD_SQL = `l.tenant_id = $1
  AND l.status IN ('new', 'contacted')
  AND (l.claim_expires_at IS NULL OR l.claim_expires_at < now())
  AND (l.next_contact_at IS NULL OR l.next_contact_at <= now())
  AND (l.campaign_id IS NULL OR EXISTS (SELECT 1 FROM campaigns c WHERE c.id = l.campaign_id AND c.status = 'active'))`;
