/** An RDAP entity (RFC 9083) with roles and an e-mail address in its jCard, for fake registries. */
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
