namespace Coopdir.Core.Data;

/// <summary>One row of the revisions table as a write records it; its id is handed out when it is written.</summary>
public sealed record RevisionRow(
    long OrganizationId, int Revision, string Action, string Author, string Summary, string CreatedAt,
    string? BeforeJson, string? AfterJson, long? MergedInto, long? UserId);

/// <summary>
/// What a write adds to the tables every writer appends to, revisions and search vocabulary, held and
/// written as its last step before it commits, one writer at a time. Writers run side by side and take
/// turns only for this step (<see cref="Store.TakeChangesTurnAsync"/>), whose holder waits on nothing
/// else, so the turn cannot deadlock. SQLite has one writer at a time: there everything is written at once.
/// <list type="bullet">
/// <item>Revision ids are the changes feed's cursor, so they must become visible in the order they are
/// handed out: a follower that saw 11 never looks at 10 again.</item>
/// <item>A vocabulary word written by a write still in progress would make every other writer of that
/// word wait for it to commit: an edit would wait for a whole import.</item>
/// </list>
/// Until the write commits, <see cref="SnapshotOfAsync"/> answers for the revisions it holds. An import
/// holds thousands: past <see cref="KeptInMemory"/> they wait in a temporary table rather than in memory.
/// </summary>
internal sealed class WrittenLast(WriteSession session)
{
    private const int KeptInMemory = 1000;

    private const string Columns = "organization_id, revision, action, author, summary, created_at, before_json, after_json, merged_into, user_id";

    private static readonly string[] Parameters =
        ["@organization_id", "@revision", "@action", "@author", "@summary", "@created_at", "@before_json", "@after_json", "@merged_into", "@user_id"];

    private readonly List<RevisionRow> held = [];
    private readonly Dictionary<long, string?> latestHeld = [];
    private readonly HashSet<long> spilledOrganizations = [];
    private readonly HashSet<string> terms = new(StringComparer.Ordinal);
    private long spilledCount;

    public async Task AddRevisionAsync(RevisionRow row)
    {
        if (!session.Store.WritesLast)
        {
            await InsertRevision().QueueAsync(Values(row));
            return;
        }
        held.Add(row);
        latestHeld[row.OrganizationId] = row.AfterJson;
        if (held.Count >= KeptInMemory) await MoveToTableAsync();
    }

    /// <summary>Search vocabulary words; a bulk write writes each once.</summary>
    public async Task AddTermsAsync(IEnumerable<string> words)
    {
        if (session.Store.WritesLast)
        {
            terms.UnionWith(words);
            return;
        }
        var insert = session.Command("INSERT INTO search_terms (term) VALUES (@term) ON CONFLICT DO NOTHING", "@term");
        foreach (var term in words)
        {
            if (!session.Bulk || terms.Add(term)) await insert.QueueAsync(term);
        }
    }

    /// <summary>
    /// The snapshot after this write's latest revision of the organization, if it holds one (found is
    /// false when it does not: the revisions table has the answer).
    /// </summary>
    public async Task<(bool Found, string? After)> SnapshotOfAsync(long organizationId)
    {
        if (latestHeld.TryGetValue(organizationId, out var latest)) return (true, latest);
        if (!spilledOrganizations.Contains(organizationId)) return (false, null);
        var after = await session.ScalarAsync<string?>(
            "SELECT after_json FROM pending_revisions WHERE organization_id = @organizationId ORDER BY position DESC LIMIT 1",
            new { organizationId });
        return (true, after);
    }

    /// <summary>Takes the writers' turn and writes everything held, revisions in order; the session then commits.</summary>
    public async Task WriteAsync()
    {
        if (!session.Store.WritesLast || held.Count == 0 && spilledCount == 0 && terms.Count == 0) return;
        await session.Store.TakeChangesTurnAsync(session);
        if (terms.Count > 0)
        {
            await session.Command("INSERT INTO search_terms (term) SELECT unnest(@terms) ON CONFLICT DO NOTHING", "@terms").QueueAsync([terms.ToArray()]);
        }
        if (spilledCount > 0)
        {
            await session.Command($"INSERT INTO revisions ({Columns}) SELECT {Columns} FROM pending_revisions ORDER BY position").QueueAsync();
        }
        var insert = InsertRevision();
        foreach (var row in held) await insert.QueueAsync(Values(row));
        held.Clear();
        latestHeld.Clear();
        spilledOrganizations.Clear();
        terms.Clear();
        spilledCount = 0;
    }

    private async Task MoveToTableAsync()
    {
        if (spilledCount == 0)
        {
            await session.ExecuteAsync($"""
                CREATE TEMPORARY TABLE pending_revisions (position bigint PRIMARY KEY, organization_id bigint NOT NULL, revision integer NOT NULL,
                    action text NOT NULL, author text NOT NULL, summary text NOT NULL, created_at text NOT NULL, before_json text,
                    after_json text, merged_into bigint, user_id bigint) ON COMMIT DROP;
                CREATE INDEX ON pending_revisions (organization_id, position)
                """);
        }
        var insert = session.Command($"INSERT INTO pending_revisions (position, {Columns}) VALUES (@position, {string.Join(", ", Parameters)})",
            ["@position", .. Parameters]);
        foreach (var row in held)
        {
            await insert.QueueAsync([++spilledCount, .. Values(row)]);
            spilledOrganizations.Add(row.OrganizationId);
        }
        held.Clear();
        latestHeld.Clear();
        await session.SendAsync();
    }

    private ReusedCommand InsertRevision() =>
        session.Command($"INSERT INTO revisions ({Columns}) VALUES ({string.Join(", ", Parameters)})", Parameters);

    private static object?[] Values(RevisionRow r) =>
        [r.OrganizationId, r.Revision, r.Action, r.Author, r.Summary, r.CreatedAt, r.BeforeJson, r.AfterJson, r.MergedInto, r.UserId];
}
