import { describe, expect, it } from "vitest";
import { invitationToken, invitationUrl } from "../../../src/features/teams/organizations/invitationLink";
import { slugOf } from "../../../src/features/teams/organizations/OrganizationsPage";
import { organizationPowers } from "../../../src/features/teams/organizations/roles";

describe("an invitation link", () => {
  it("is the server's path on this site's origin, token kept in the fragment", () => {
    expect(invitationUrl("/invitations/accept#token=abc123", "https://annota.example")).toBe(
      "https://annota.example/invitations/accept#token=abc123",
    );
  });

  it("gives its token back from the fragment, else from the query", () => {
    expect(invitationToken({ search: "", hash: "#token=abc123" })).toBe("abc123");
    expect(invitationToken({ search: "?token=xyz789", hash: "" })).toBe("xyz789");
    expect(invitationToken({ search: "?token=xyz789", hash: "#token=abc123" })).toBe("abc123");
  });

  it("has no token when the address names none, or an empty one", () => {
    expect(invitationToken({ search: "", hash: "" })).toBeNull();
    expect(invitationToken({ search: "?token=", hash: "" })).toBeNull();
  });
});

describe("what a role lets one do in an organisation", () => {
  it("lets owners grant every role and change roles", () => {
    expect(organizationPowers("owner", false)).toEqual({
      manageMembers: true,
      changeRoles: true,
      grantable: ["owner", "manager", "reviewer", "annotator"],
    });
  });

  it("lets managers add reviewers and annotators only, and change no role", () => {
    expect(organizationPowers("manager", false)).toEqual({ manageMembers: true, changeRoles: false, grantable: ["reviewer", "annotator"] });
  });

  it("lets reviewers and annotators only look", () => {
    expect(organizationPowers("annotator", false).manageMembers).toBe(false);
    expect(organizationPowers("reviewer", false).grantable).toEqual([]);
  });

  it("lets a site admin do what an owner does without a role", () => {
    expect(organizationPowers(null, true).changeRoles).toBe(true);
  });
});

describe("the short name proposed for an organisation", () => {
  it("is the name in lowercase, accents and punctuation turned into dashes", () => {
    expect(slugOf("  Équipe Vidéo & Co. ")).toBe("equipe-video-co");
  });
});
