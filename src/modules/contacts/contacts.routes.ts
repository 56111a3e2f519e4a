// /api/v1/units/:id/contacts (staff: read, change) and /api/public/units/:code/contacts (the
// portal: the unit's channels or its nearest ancestor's).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  contactsBody,
  publicContactsOut,
  unitCodeParams,
  unitContactsOut,
  unitIdParams,
} from "./contacts.schemas.ts";
import * as service from "./contacts.service.ts";

const tags = ["contacts"];

export const contactRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/units/:id/contacts",
    {
      schema: {
        tags,
        summary: "A unit's contact channels: its own row, what it shows (own or inherited) and from whom",
        params: unitIdParams,
        response: { 200: unitContactsOut },
      },
    },
    async (request) => service.getContacts(request.ctx, request.params.id),
  );
  app.put(
    "/units/:id/contacts",
    {
      schema: {
        tags,
        summary:
          "Set a unit's hotline, e-mail, Zalo, Facebook and address (contacts.manage); all blank: inherit the parent's",
        params: unitIdParams,
        body: contactsBody,
        response: { 200: unitContactsOut },
      },
      config: { action: "unit.contacts.update" },
    },
    async (request) => service.saveContacts(request.ctx, request.params.id, request.body),
  );
};

export const publicContactRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/units/:id/contacts",
    {
      schema: {
        tags,
        summary:
          "The contact channels a unit shows on the portal (its own, else its nearest ancestor's); `id` is the unit's code",
        params: unitCodeParams,
        response: { 200: publicContactsOut },
      },
    },
    async (request) => service.publicContacts(request.ctx, request.params.id),
  );
};
