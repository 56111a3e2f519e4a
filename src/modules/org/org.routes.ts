// /api/public/units (no login) and /api/org (back office): the organisation tree.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ROLES } from "../../db/schema.ts";
import {
  editStaffBody,
  editStaffResponse,
  invitationQuery,
  newStaffBody,
  newStaffResponse,
} from "../auth/auth.schemas.ts";
import * as staff from "../auth/staff.service.ts";
import {
  abolishBody,
  agencySchema,
  createAgencyBody,
  createUnitBody,
  listUnitsQuery,
  renameBody,
  staffSchema,
  unitDetailSchema,
  unitIdParams,
  unitSchema,
} from "./org.schemas.ts";
import * as service from "./org.service.ts";

export const publicOrgRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/units",
    {
      schema: {
        tags: ["org"],
        summary: "Units in force on a date (or all, with history=true); public",
        querystring: listUnitsQuery,
        response: { 200: z.object({ items: z.array(unitSchema) }) },
      },
    },
    async (request) => ({ items: await service.listPublicUnits(request.ctx, request.query) }),
  );
};

export const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["org"];
  app.get(
    "/units/:id",
    {
      schema: {
        tags,
        summary: "Unit detail with name history and agencies",
        params: unitIdParams,
        response: { 200: unitDetailSchema },
      },
    },
    async (request) => service.getUnitDetail(request.ctx, request.params.id),
  );

  app.post(
    "/units",
    {
      schema: { tags, summary: "Create a unit", body: createUnitBody, response: { 201: unitDetailSchema } },
      config: { action: "org.unit.create" },
    },
    async (request, reply) => {
      const detail = await service.createUnit(request.ctx, request.body);
      reply.status(201);
      return detail;
    },
  );

  app.post(
    "/units/:id/rename",
    {
      schema: {
        tags,
        summary: "Rename a unit from a date (effective-dated)",
        params: unitIdParams,
        body: renameBody,
        response: { 200: unitDetailSchema },
      },
      config: { action: "org.unit.rename" },
    },
    async (request) => service.renameUnit(request.ctx, request.params.id, request.body),
  );

  app.post(
    "/units/:id/abolish",
    {
      schema: {
        tags,
        summary: "Abolish a unit, or merge it into a successor",
        params: unitIdParams,
        body: abolishBody,
        response: { 200: unitDetailSchema },
      },
      config: { action: "org.unit.abolish" },
    },
    async (request) => service.abolishUnit(request.ctx, request.params.id, request.body),
  );

  app.post(
    "/units/:id/agencies",
    {
      schema: {
        tags,
        summary: "Add an agency under a unit",
        params: unitIdParams,
        body: createAgencyBody,
        response: { 201: agencySchema },
      },
      config: { action: "org.agency.create" },
    },
    async (request, reply) => {
      const agency = await service.createAgency(request.ctx, request.params.id, request.body);
      reply.status(201);
      return agency;
    },
  );

  app.get(
    "/units/:id/staff",
    {
      schema: {
        tags,
        summary: "Officials and their roles at a unit (personal data)",
        params: unitIdParams,
        response: { 200: z.object({ items: z.array(staffSchema) }) },
      },
      config: { action: "org.staff.read", personalData: true },
    },
    async (request) => ({ items: await staff.listStaff(request.ctx, request.params.id) }),
  );

  app.post(
    "/units/:id/staff/accounts",
    {
      schema: {
        tags,
        summary: "Create an official's account with a first role; mails the invitation",
        params: unitIdParams,
        body: newStaffBody,
        response: { 201: newStaffResponse },
      },
      config: { action: "org.staff.invite" },
    },
    async (request, reply) => {
      const created = await staff.inviteStaff(request.ctx, request.params.id, request.body);
      reply.status(201);
      return created;
    },
  );

  const staffParams = unitIdParams.extend({ userId: z.string().uuid() });

  app.post(
    "/units/:id/staff/:userId/invitation",
    {
      schema: {
        tags,
        summary: "Send an official's invitation again (the earlier link stops working)",
        params: staffParams,
        querystring: invitationQuery,
        response: { 202: z.object({ inviteExpiresAt: z.string() }) },
      },
      config: { action: "org.staff.reinvite" },
    },
    async (request, reply) => {
      const { id, userId } = request.params;
      reply.status(202);
      return staff.resendInvitation(request.ctx, id, userId, request.query.locale);
    },
  );

  app.patch(
    "/units/:id/staff/:userId",
    {
      schema: {
        tags,
        summary:
          "Correct an official's name, e-mail or phone (a pending invitation follows a new e-mail; an active account's old contact is told)",
        params: staffParams,
        body: editStaffBody,
        response: { 200: editStaffResponse },
      },
      config: { action: "org.staff.edit" },
    },
    async (request) => staff.editStaff(request.ctx, request.params.id, request.params.userId, request.body),
  );

  for (const [verb, disabled] of [
    ["disable", true],
    ["enable", false],
  ] as const) {
    app.post(
      `/units/:id/staff/:userId/${verb}`,
      {
        schema: {
          tags,
          summary: disabled
            ? "Disable an official's account (ends every session)"
            : "Enable an official's account again",
          params: staffParams,
          response: { 200: z.object({ disabled: z.boolean() }) },
        },
        config: { action: `org.staff.${verb}` },
      },
      async (request) =>
        staff.setStaffDisabled(request.ctx, request.params.id, request.params.userId, disabled),
    );
  }

  app.post(
    "/units/:id/roles",
    {
      schema: {
        tags,
        summary: "Grant a role at a unit",
        params: unitIdParams,
        body: z.object({ userId: z.string().uuid(), role: z.enum(ROLES) }).strict(),
        response: {
          201: z.object({
            id: z.string().uuid(),
            userId: z.string().uuid(),
            unitId: z.string().uuid(),
            role: z.enum(ROLES),
          }),
        },
      },
      config: { action: "org.role.grant" },
    },
    async (request, reply) => {
      const grant = await staff.grantRole(request.ctx, request.params.id, request.body);
      reply.status(201);
      return grant;
    },
  );

  app.delete(
    "/units/:id/roles/:grantId",
    {
      schema: {
        tags,
        summary: "Revoke a role grant",
        params: unitIdParams.extend({ grantId: z.string().uuid() }),
        response: { 204: z.null() },
      },
      config: { action: "org.role.revoke" },
    },
    async (request, reply) => {
      await staff.revokeRole(request.ctx, request.params.id, request.params.grantId);
      reply.status(204);
      return null;
    },
  );
};
