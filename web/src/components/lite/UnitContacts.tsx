// A unit's contact channels (hotline, e-mail, Zalo, Facebook, address) on the portal: its own or
// its nearest ancestor's. Plain elements (no antd), so any portal page may show it.
import { useEffect, useState } from "react";
import { contactsApi, type PublicContacts } from "../../contacts/contactsApi";
import { useT } from "../../i18n";

const zaloHref = (v: string) =>
  v.startsWith("https://") ? v : `https://zalo.me/${v.replace(/[^0-9]/g, "")}`;

export function UnitContacts({ unitCode }: { unitCode: string }) {
  const t = useT();
  const [data, setData] = useState<PublicContacts | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    setData(null);
    contactsApi.publicContacts(unitCode, ctrl.signal).then(setData, () => {
      // No channels shown when they cannot be loaded: the page works without them.
    });
    return () => ctrl.abort();
  }, [unitCode]);
  const c = data?.contacts;
  if (!data || !c) return null;
  return (
    <section className="unit-contacts" aria-labelledby="unit-contacts-title" data-testid="unit-contacts">
      <h2 id="unit-contacts-title" className="unit-contacts__title">
        {t("contacts.portal.title", { unit: data.unit.name })}
      </h2>
      <dl className="unit-contacts__list">
        {c.hotline && (
          <>
            <dt>{t("contacts.field.hotline")}</dt>
            <dd>
              <a href={`tel:${c.hotline.replace(/[^0-9+]/g, "")}`} data-testid="unit-contacts-hotline">
                {c.hotline}
              </a>
            </dd>
          </>
        )}
        {c.email && (
          <>
            <dt>{t("contacts.field.email")}</dt>
            <dd>
              <a href={`mailto:${c.email}`}>{c.email}</a>
            </dd>
          </>
        )}
        {c.zalo && (
          <>
            <dt>{t("contacts.field.zalo")}</dt>
            <dd>
              <a href={zaloHref(c.zalo)} target="_blank" rel="noopener noreferrer">
                {c.zalo}
              </a>
            </dd>
          </>
        )}
        {c.facebook && (
          <>
            <dt>{t("contacts.field.facebook")}</dt>
            <dd>
              <a href={c.facebook} target="_blank" rel="noopener noreferrer">
                {c.facebook.replace(/^https:\/\/(www\.|m\.)?/, "")}
              </a>
            </dd>
          </>
        )}
        {c.address && (
          <>
            <dt>{t("contacts.field.address")}</dt>
            <dd>{c.address}</dd>
          </>
        )}
      </dl>
      {data.source && data.source.code !== data.unit.code && (
        <p className="unit-contacts__source">{t("contacts.portal.inherited", { unit: data.source.name })}</p>
      )}
    </section>
  );
}
