// An RDAP entity (RFC 9083) for the local stand-in registries of `npm start` and the tests.
/** An entity with roles and an e-mail address in its jCard. */
export function rdapEntity(roles: string[], email: string, entities: unknown[] = []) {
  return {
    objectClassName: "entity",
    roles,
    vcardArray: [
      "vcard",
      [
        ["version", {}, "text", "4.0"],
        ["email", {}, "text", email],
      ],
    ],
    entities,
  };
}
