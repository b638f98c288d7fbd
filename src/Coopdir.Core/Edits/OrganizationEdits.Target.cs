using System.Data.Common;
using System.Text.Json.Nodes;
using Coopdir.Core.Organizations;
using Dapper;

namespace Coopdir.Core.Edits;

public sealed partial class OrganizationEdits
{
    /// <summary>
    /// What an update would write: the patch applied to the record at its base revision, carried onto
    /// the current version (fields the patch did not touch keep their current values). Base and
    /// Proposed are revision snapshots, for comparisons.
    /// </summary>
    private sealed record UpdateTarget(OrganizationContent? Content, int Revision, IReadOnlyList<FieldError>? Errors,
        EditResult? Conflict, JsonObject? Base, JsonObject? Proposed);

    private static UpdateTarget Target(DbConnection connection, EditRequest request, Organization? current = null)
    {
        var id = request.OrganizationId!.Value;
        current ??= OrganizationQueries.Get(connection, id);
        if (current is null)
            return new UpdateTarget(null, 0, null, new EditResult(EditOutcome.NotFound, id, Detail: $"There is no organization with id {id}."), null, null);
        var baseRevision = request.BaseRevision ?? current.Revision;
        var now = JsonNode.Parse(Revisions.Get(connection, id, current.Revision)!.AfterJson!)!.AsObject();
        var baseSnapshot = baseRevision == current.Revision ? now : JsonNode.Parse(Revisions.Get(connection, id, baseRevision)!.AfterJson!)!.AsObject();
        var baseContent = Snapshots.FromJson(baseSnapshot.ToJsonString());
        var asOfBase = current with
        {
            Content = baseContent,
            Networks = baseContent.MemberOf.Select(m => new NetworkLink(m.NetworkId, "", m.Role, m.StartDate, m.EndDate)).ToList(),
        };
        var (proposedContent, errors) = OrganizationPatch.Apply(connection, asOfBase, request.Patch);
        if (proposedContent is null) return new UpdateTarget(null, current.Revision, errors, null, baseSnapshot, null);
        var proposed = FieldDiff.ToObject(proposedContent);
        var rebased = ThreeWayDiff.Rebase(baseSnapshot, now, proposed);
        if (rebased is null)
            return new UpdateTarget(null, current.Revision, null, new EditResult(EditOutcome.Conflict, id, current.Revision,
                Detail: $"Fields this change touches were changed since revision {baseRevision}; the record is now at revision {current.Revision}."),
                baseSnapshot, proposed);
        var content = Snapshots.FromJson(rebased.ToJsonString());
        var invalid = OrganizationValidator.Validate(content).Concat(MissingNetworks(connection, content)).ToList();
        return invalid.Count > 0
            ? new UpdateTarget(null, current.Revision, invalid, null, baseSnapshot, proposed)
            : new UpdateTarget(content, current.Revision, null, null, baseSnapshot, proposed);
    }

    private static IEnumerable<FieldError> MissingNetworks(DbConnection connection, OrganizationContent content) =>
        content.MemberOf.Select((m, i) => (m.NetworkId, i))
            .Where(m => connection.ExecuteScalar<long>("SELECT count(*) FROM organizations WHERE id = @NetworkId", new { m.NetworkId }) == 0)
            .Select(m => new FieldError($"member_of[{m.i}].organization_id", $"there is no organization with id {m.NetworkId}"));
}
