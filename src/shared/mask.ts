// Masks personal data for places where it must be recognisable but not readable
// (audit details, public lookups, logs).
export function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 2)}***@${domain}`;
}

export function maskPhone(phone: string): string {
  return phone.length <= 4 ? "****" : `${phone.slice(0, 3)}****${phone.slice(-3)}`;
}

/** "Nguyễn Văn An" → "N*** V*** An": the given name stays, initials of the rest. */
export function maskName(fullName: string): string {
  const parts = fullName.trim().split(/\s+/);
  return parts.map((p, i) => (i === parts.length - 1 ? p : `${[...p][0] ?? ""}***`)).join(" ");
}

export function maskLogin(login: string): string {
  if (login.includes("@")) return maskEmail(login);
  if (/^\+?\d{6,}$/.test(login)) return maskPhone(login);
  return login;
}
