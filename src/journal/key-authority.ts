// Who registers whom (docs/keys.md, "Who registers whom"), in one place: the services that register and revoke keys
// and `verify`'s replay of the journal read these two functions, so the rule cannot differ between them.

/** The roles a person's key may have that an administrator registers: people who act for a commission, observers. */
const ADMINISTERED: readonly string[] = ['chair', 'operator', 'observer'];

/**
 * Whether a key of `registrarRole` may register a key of `role` (for `commission`). The CEC's key registers every key
 * but a second CEC (the root registers only itself, once); an administrator, registered by the CEC, registers chairs,
 * operators and observers — never a commission, an administrator or an importer, and never a chair of the CEC, whose
 * key speaks for the CEC (an administrator would otherwise make itself one).
 */
export function mayRegister(registrarRole: string, role: string, commission: string | null = null): boolean {
  if (role === 'central-commission') return false;
  if (registrarRole === 'central-commission') return true;
  return (
    registrarRole === 'administrator' && ADMINISTERED.includes(role) && !speaksForCec({ role, holder: '', commission })
  );
}

/** Whether a key of `revokerRole` may revoke a key of `role`: the authority that registers such keys, or the CEC. */
export function mayRevoke(revokerRole: string, role: string, commission: string | null = null): boolean {
  if (revokerRole === 'central-commission') return true;
  return mayRegister(revokerRole, role, commission);
}

/** A registered key as authority is read from it: its role, holder and the commission it acts for. */
export interface KeyHolder {
  readonly role: string;
  readonly holder: string;
  readonly commission: string | null;
}

/** Whether a key speaks for the CEC: the CEC's own key, or a chair of the CEC. */
export function speaksForCec(key: KeyHolder): boolean {
  return key.role === 'central-commission' || (key.role === 'chair' && key.commission === 'cec');
}

/**
 * Whether a key may take a commission's decision (a draw, a registration step, deputies): the commission's own key,
 * its chair's, or the CEC's (which may act for any commission).
 */
export function actsForCommission(key: KeyHolder, commissionId: string): boolean {
  if (speaksForCec(key)) return true;
  if (key.role === 'commission') return key.holder === commissionId;
  return key.role === 'chair' && key.commission === commissionId;
}

/** Whether a key may approve the summary of `commissionId`: that commission's own key or its chair's only. */
export function approvesFor(key: KeyHolder, commissionId: string): boolean {
  if (key.role === 'commission' || key.role === 'central-commission') return key.holder === commissionId;
  return key.role === 'chair' && key.commission === commissionId;
}

/**
 * Registration steps (nominations received, decisions, withdrawals, deputies): a commission's, or an administrator's
 * entering the paper decisions of any commission (docs/registration.md).
 */
export function registersFor(key: KeyHolder, commissionId: string): boolean {
  return key.role === 'administrator' || actsForCommission(key, commissionId);
}

/**
 * Nominations received (`nomination-submitted`): besides whoever registers for the commission, an operator of that
 * commission — its staff receive the documents, its chair decides on them (docs/registration.md).
 */
export function receivesNominationsFor(key: KeyHolder, commissionId: string): boolean {
  return registersFor(key, commissionId) || (key.role === 'operator' && key.commission === commissionId);
}

/**
 * The commission a key acts for when it decides as a commission (an accreditation of observers, docs/law.md §10.2):
 * 'cec' for the CEC's key or a CEC chair's, a commission's own key, a chair's commission; null for every other key.
 */
export function commissionActedFor(key: KeyHolder): string | null {
  if (speaksForCec(key)) return 'cec';
  if (key.role === 'commission') return key.holder;
  return key.role === 'chair' ? key.commission : null;
}
