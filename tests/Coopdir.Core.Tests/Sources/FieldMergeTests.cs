using Coopdir.Core.Organizations;
using Coopdir.Core.Sources;

namespace Coopdir.Core.Tests.Sources;

/// <summary>The precedence policy, field by field, on small records.</summary>
public sealed class FieldMergeTests
{
    private static readonly DateTimeOffset EditedOn = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);

    private static OrganizationContent Record(string name, string? phone = null, string? website = null, params LanguageText[] descriptions) =>
        new() { Name = name, Kind = "cooperative", Phone = phone, Website = website, DescriptionsByLanguage = descriptions };

    private static SourceClaim Claim(long source, string vintage, OrganizationContent content) =>
        new(source, $"Source {source}", $"R{source}", vintage, content);

    private static readonly Dictionary<string, FieldEdit> NoEdits = [];

    [Fact]
    public void The_newest_vintage_wins_and_the_other_name_is_kept_as_an_alternative_and_a_former_name()
    {
        var merged = FieldMerge.Merge([Claim(1, "2017-06-30", Record("Old Name Ltd", phone: "0161 000")), Claim(2, "2023-06-30", Record("New Name Ltd"))],
            NoEdits, null, Precedence.Default);

        Assert.Equal("New Name Ltd", merged.Content.Name);
        Assert.Equal(["Old Name Ltd"], merged.Content.AlternateNames);
        Assert.Equal("0161 000", merged.Content.Phone); // blank says nothing
        var name = merged.Provenance.Single(p => p.Field == "name");
        Assert.Equal("Source 2", name.Origin.Source);
        Assert.Equal("Source 1", Assert.Single(name.Alternatives).Origin.Source);
    }

    [Fact]
    public void The_order_claims_arrive_in_does_not_change_the_record()
    {
        SourceClaim[] claims = [Claim(1, "2017-06-30", Record("A", phone: "1")), Claim(2, "2023-06-30", Record("B", website: "https://b.example")), Claim(3, "2020", Record("C", phone: "3"))];
        var forward = FieldMerge.Merge(claims, NoEdits, null, Precedence.Default).Content;
        var backward = FieldMerge.Merge(claims.Reverse().ToList(), NoEdits, null, Precedence.Default).Content;
        Assert.Equal(Snapshots.ToJson(forward), Snapshots.ToJson(backward));
    }

    [Fact]
    public void A_persons_edit_stands_against_older_sources_and_gives_way_to_a_newer_one()
    {
        var current = Record("Corrected Name");
        var edits = new Dictionary<string, FieldEdit> { ["name"] = new("name", 3, "Edna", EditedOn) };

        Assert.Equal("Corrected Name", FieldMerge.Merge([Claim(1, "2024-04-30", Record("Source Name"))], edits, current, Precedence.Default).Content.Name);
        Assert.Equal("Newer Name", FieldMerge.Merge([Claim(1, "2024-06-30", Record("Newer Name"))], edits, current, Precedence.Default).Content.Name);
        // A source without a vintage cannot say it is newer.
        Assert.Equal("Corrected Name", FieldMerge.Merge([new SourceClaim(1, "Undated", "R1", null, Record("Undated Name"))], edits, current, Precedence.Default).Content.Name);
    }

    [Fact]
    public void A_configured_order_beats_vintage_for_its_field_only()
    {
        var precedence = new Precedence(new Dictionary<(string, long), int> { [("phone", 1)] = 0 });
        var merged = FieldMerge.Merge([Claim(1, "2017", Record("Old", phone: "111")), Claim(2, "2023", Record("New", phone: "222"))], NoEdits, null, precedence).Content;
        Assert.Equal(("New", "111"), (merged.Name, merged.Phone));
    }

    [Fact]
    public void A_value_the_source_withdraws_goes_unless_a_person_set_it()
    {
        var current = Record("Name", phone: "0161 000");
        var claim = Claim(1, "2024", Record("Name"));
        Assert.Null(FieldMerge.Merge([claim], NoEdits, current, Precedence.Default, withdrawn: new HashSet<string> { "phone" }).Content.Phone);
        var edits = new Dictionary<string, FieldEdit> { ["phone"] = new("phone", 2, "Edna", EditedOn) };
        Assert.Equal("0161 000", FieldMerge.Merge([claim], edits, current, Precedence.Default, withdrawn: new HashSet<string> { "phone" }).Content.Phone);
    }

    [Fact]
    public void Descriptions_are_joined_one_per_language_the_winners_first()
    {
        var merged = FieldMerge.Merge([
            Claim(1, "2017", Record("X", descriptions: [new("de", "Alt"), new("fr", "Français")])),
            Claim(2, "2023", Record("X", descriptions: [new("de", "Neu")])),
        ], NoEdits, null, Precedence.Default).Content;
        Assert.Equal([new LanguageText("de", "Neu"), new LanguageText("fr", "Français")], merged.DescriptionsByLanguage);
        Assert.Empty(OrganizationValidator.Validate(merged));
    }

    [Fact]
    public void Other_names_a_person_set_are_not_refilled_with_names_that_lost()
    {
        var current = Record("New Name") with { AlternateNames = [] };
        var edits = new Dictionary<string, FieldEdit> { ["alternate_names"] = new("alternate_names", 4, "Edna", EditedOn) };
        var merged = FieldMerge.Merge([Claim(1, "2017", Record("Old Name")), Claim(2, "2023", Record("New Name"))], edits, current, Precedence.Default).Content;
        Assert.Empty(merged.AlternateNames);
    }
}
