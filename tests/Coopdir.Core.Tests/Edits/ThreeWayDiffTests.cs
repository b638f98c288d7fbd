using System.Text.Json.Nodes;
using Coopdir.Core.Edits;

namespace Coopdir.Core.Tests.Edits;

public sealed class ThreeWayDiffTests
{
    private static JsonObject O(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void Rebase_carries_changed_fields_onto_the_current_version_and_keeps_the_rest()
    {
        var rebased = ThreeWayDiff.Rebase(O("""{"name":"A","phone":"1"}"""), O("""{"name":"A","phone":"1","sector":"retail"}"""), O("""{"name":"B","phone":"1"}"""));
        Assert.True(JsonNode.DeepEquals(O("""{"name":"B","phone":"1","sector":"retail"}"""), rebased));
    }

    [Fact]
    public void Rebase_refuses_a_field_changed_differently_on_both_sides_but_accepts_the_same_change()
    {
        Assert.Null(ThreeWayDiff.Rebase(O("""{"name":"A"}"""), O("""{"name":"C"}"""), O("""{"name":"B"}""")));
        Assert.NotNull(ThreeWayDiff.Rebase(O("""{"name":"A"}"""), O("""{"name":"B"}"""), O("""{"name":"B"}""")));
    }

    [Fact]
    public void Rebase_removes_a_field_the_proposal_removed()
    {
        var rebased = ThreeWayDiff.Rebase(O("""{"name":"A","phone":"1"}"""), O("""{"name":"A","phone":"1"}"""), O("""{"name":"A"}"""));
        Assert.True(JsonNode.DeepEquals(O("""{"name":"A"}"""), rebased));
    }

    [Fact]
    public void Of_lists_each_field_with_its_three_values_and_marks_conflicts()
    {
        var fields = ThreeWayDiff.Of(O("""{"name":"A","phone":"1"}"""), O("""{"name":"C","phone":"1"}"""), O("""{"name":"B","phone":"2"}"""));
        Assert.Equal([new ThreeWayField("name", "A", "C", "B", true), new ThreeWayField("phone", "1", "1", "2", false)], fields);
    }
}
