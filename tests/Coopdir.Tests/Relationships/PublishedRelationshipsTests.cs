using System.Text.Json;
using Coopdir.Core.Relationships;
using Coopdir.Tests.Support;
using Json.Schema;

namespace Coopdir.Tests.Relationships;

/// <summary>The format organizations publish their links in: what the parser reads, and the JSON Schema the site serves for it, agree.</summary>
public sealed class PublishedRelationshipsTests : SiteTest
{
    private const string Network = "https://coopdir.example/organizations/34";

    [Fact]
    public async Task What_the_parser_accepts_and_refuses_the_published_schema_accepts_and_refuses()
    {
        var schema = JsonSchema.FromText(await Site.Http.GetStringAsync("/schemas/coopdir-relationships.schema.json"));
        string[] good =
        [
            $$"""{"version": 1, "relationships": []}""",
            $$"""{"version": 1, "relationships": [{"type": "member_of", "object": "{{Network}}", "start_date": "2012"}]}""",
            """{"version": 1, "relationships": [{"type": "member_of", "subject": "https://member.example.coop", "stance": "ends", "end_date": "2025-06", "evidence_url": null}]}""",
        ];
        string[] bad =
        [
            """{"relationships": []}""",
            """{"version": 2, "relationships": []}""",
            $$"""{"version": 1, "relationships": [{"object": "{{Network}}"}]}""",
            $$"""{"version": 1, "relationships": [{"type": "member_of", "object": "{{Network}}", "subject": "https://member.example.coop"}]}""",
            """{"version": 1, "relationships": [{"type": "member_of"}]}""",
            $$"""{"version": 1, "relationships": [{"type": "member_of", "object": "{{Network}}", "stance": "maybe"}]}""",
            $$"""{"version": 1, "relationships": [{"type": "member_of", "object": "{{Network}}", "start_date": "last year"}]}""",
            """{"version": 1, "relationships": [{"type": "member_of", "object": "ftp://network.example"}]}""",
        ];

        foreach (var json in good)
        {
            Assert.Empty(PublishedRelationships.Parse(json).Errors);
            Assert.True(schema.Evaluate(JsonDocument.Parse(json).RootElement).IsValid, json);
        }
        foreach (var json in bad)
        {
            Assert.NotEmpty(PublishedRelationships.Parse(json).Errors);
            Assert.False(schema.Evaluate(JsonDocument.Parse(json).RootElement).IsValid, json);
        }
    }

    [Fact]
    public void Each_entry_says_which_side_the_publisher_stands_on_and_errors_name_the_entry_and_field()
    {
        var (links, errors) = PublishedRelationships.Parse($$"""
            {"version": 1, "relationships": [
              {"type": "member_of", "object": "{{Network}}", "start_date": "2012"},
              {"type": "member_of", "subject": "https://member.example.coop", "stance": "ends", "end_date": "2025-06"}]}
            """);

        Assert.Empty(errors);
        Assert.Equal(new PublishedRelationship(Party.Subject, "member_of", Network, Stance.Asserts, "2012", null, null), links[0]);
        Assert.Equal((Party.Object, Stance.Ends, "2025-06"), (links[1].Side, links[1].Stance, links[1].EndDate));

        var refused = PublishedRelationships.Parse("""{"version": 1, "relationships": [{"type": "member_of", "object": "https://a.example"}, {"type": "friend_of", "object": "https://b.example"}]}""");
        Assert.Empty(refused.Links);
        Assert.Equal("relationships[1].type", Assert.Single(refused.Errors).Field);
    }

    [Fact]
    public void Files_too_large_too_long_or_too_deep_are_refused_with_a_reason()
    {
        Assert.Equal("file", Assert.Single(PublishedRelationships.Parse(new string(' ', PublishedRelationships.MaxBytes + 1)).Errors).Field);
        var many = "{\"version\": 1, \"relationships\": [" + string.Join(",", Enumerable.Repeat("{\"type\": \"member_of\", \"object\": \"https://a.example\"}", PublishedRelationships.MaxEntries + 1)) + "]}";
        Assert.Equal("relationships", Assert.Single(PublishedRelationships.Parse(many).Errors).Field);
        Assert.Equal("file", Assert.Single(PublishedRelationships.Parse(new string('[', 100) + new string(']', 100)).Errors).Field);
        Assert.Equal("file", Assert.Single(PublishedRelationships.Parse("not json").Errors).Field);
    }
}
