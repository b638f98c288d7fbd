using Coopdir.Core.Relationships;

namespace Coopdir.Core.Tests.Relationships;

public sealed class RelationshipDraftTests
{
    private static IReadOnlyList<string> Fields(RelationshipDraft draft, string? subjectKind = "cooperative", string? objectKind = "network") =>
        draft.Validate(subjectKind, objectKind).Select(e => e.Field).ToList();

    [Fact]
    public void A_cooperative_may_be_a_member_of_a_network_from_a_partial_date()
    {
        Assert.Empty(Fields(new RelationshipDraft(1, 2, "member_of", "2012", "2019-09", "Founding member", "https://example.coop/members")));
    }

    [Theory]
    [InlineData(1, 1, "member_of", null, null, null, "object_id")]
    [InlineData(1, 2, "colleague_of", null, null, null, "type")]
    [InlineData(1, 2, "member_of", "2012-13", null, null, "start_date")]
    [InlineData(1, 2, "member_of", "2012", "2011-12", null, "end_date")]
    [InlineData(1, 2, "member_of", "2012-09-05", "2012-09-01", null, "end_date")]
    [InlineData(1, 2, "member_of", null, null, "ftp://example.coop", "evidence_url")]
    [InlineData(1, 2, "member_of", null, null, "/members", "evidence_url")]
    public void Bad_input_names_the_field_that_is_wrong(long subject, long @object, string type, string? start, string? end, string? evidence, string field)
    {
        Assert.Equal([field], Fields(new RelationshipDraft(subject, @object, type, start, end, EvidenceUrl: evidence)));
    }

    [Fact]
    public void An_end_in_the_starting_year_or_month_is_not_before_it()
    {
        Assert.Empty(Fields(new RelationshipDraft(1, 2, "member_of", "2012-09-05", "2012")));
        Assert.Empty(Fields(new RelationshipDraft(1, 2, "member_of", "2012-09", "2012-09-30")));
    }

    [Fact]
    public void A_type_refuses_the_kinds_it_does_not_join_and_says_which_it_does()
    {
        var errors = new RelationshipDraft(1, 2, "member_of").Validate("cooperative", "cooperative");

        var error = Assert.Single(errors);
        Assert.Equal("object_id", error.Field);
        Assert.Contains("Network / federation", error.Message);
        Assert.Empty(Fields(new RelationshipDraft(1, 2, "operates_in"), "digital-service", "municipality"));
        Assert.Equal(["object_id"], Fields(new RelationshipDraft(1, 2, "operates_in"), "digital-service", "civic-tech"));
    }

    [Fact]
    public void Unknown_organizations_are_named_by_their_ids()
    {
        var errors = new RelationshipDraft(7, 8, "partner_of").Validate(null, null);

        Assert.Equal(["subject_id", "object_id"], errors.Select(e => e.Field));
        Assert.Contains("8", errors[1].Message);
    }

    [Fact]
    public void A_note_must_be_plain_text_of_a_sensible_length()
    {
        Assert.Equal(["note"], Fields(new RelationshipDraft(1, 2, "member_of", Note: "a\0b")));
        Assert.Equal(["note"], Fields(new RelationshipDraft(1, 2, "member_of", Note: new string('x', RelationshipRules.MaxNoteLength + 1))));
        Assert.Equal(["evidence_url"], Fields(new RelationshipDraft(1, 2, "member_of", EvidenceUrl: "https://example.coop/" + new string('x', 2000))));
    }
}
