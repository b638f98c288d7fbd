using Coopdir.Core.Data;
using Dapper;
using Microsoft.Extensions.Logging;

namespace Coopdir.Core.Payments.Clearing;

/// <summary>
/// Finishes what a crash, a timeout or a peer that was down left unfinished, run at start and then every few seconds:
/// the coordinator aborts a payment still undecided after <c>prepareTimeout</c> (presumed abort: nothing was promised
/// to the payer yet) and re-sends every decision the peer has not acknowledged; the participant asks the coordinator
/// how a transfer it has held prepared that long ended, and commits or aborts it accordingly. Nothing here decides
/// commit: only the coordinator does, and only when the peer has answered prepared. An agreement whose peer URL may not
/// be used (<see cref="ClearingAgreement.PeerUrlRefusal"/>) is left as it stands, and the operator told, each pass.
/// </summary>
public sealed class ClearingRecovery(Store store, TimeProvider clock, ClearingPayments payments, ClearingParticipant participant, ClearingPeerClient peers,
    ILogger<ClearingRecovery> log)
{
    private const int Batch = 100;

    private sealed record Unfinished(long Id, string TransferId, string Role, string State, string UpdatedAt, string Code, string Agreement);

    /// <summary>
    /// One pass over every unfinished transfer, a batch at a time in id order; how many it moved on. A peer that does not
    /// answer is not asked again in the same pass, so one instance that is down for good neither stalls the others'
    /// transfers behind it nor makes the pass wait out its timeout for each of its own.
    /// </summary>
    public async Task<int> RunOnceAsync(TimeSpan prepareTimeout)
    {
        var cutoff = (clock.GetUtcNow() - prepareTimeout).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ");
        var unreachable = new HashSet<(string Code, string Agreement)>();
        var moved = 0;
        for (long after = 0; ;)
        {
            List<Unfinished> rows;
            await using (var connection = await store.OpenAsync())
                rows = (await connection.QueryAsync<Unfinished>("""
                    SELECT t.id AS Id, t.transfer_id AS TransferId, t.role AS Role, t.state AS State, t.updated_at AS UpdatedAt, c.code AS Code, g.name AS Agreement
                    FROM pay_clearing_transfers t JOIN pay_clearing_agreements g ON g.id = t.agreement_id JOIN pay_currencies c ON c.id = g.currency_id
                    WHERE ((t.role = 'coordinator' AND (t.state = 'preparing' OR t.peer_done = @no)) OR (t.role = 'participant' AND t.state = 'prepared'))
                      AND t.id > @after
                    ORDER BY t.id LIMIT @Batch
                    """, new { no = false, after, Batch })).AsList();
            if (rows.Count == 0) return moved;
            after = rows[^1].Id;
            foreach (var row in rows)
            {
                if (unreachable.Contains((row.Code, row.Agreement))) continue;
                if (await participant.FindAsync(row.Code, row.Agreement) is not var (currency, agreement, secret)) continue;
                if (agreement.PeerUrlRefusal is { } insecure)
                {
                    unreachable.Add((row.Code, row.Agreement));
                    log.LogError("Clearing recovery skips agreement {Agreement} of {Currency}: {Refusal}", row.Agreement, row.Code, insecure);
                    continue;
                }
                var stale = string.CompareOrdinal(row.UpdatedAt, cutoff) < 0;
                if (row.Role == ClearingRole.Coordinator)
                {
                    if (row.State == ClearingState.Preparing)
                    {
                        if (!stale) continue;
                        await payments.DecideAsync(currency, agreement, row.TransferId, commitIfPossible: false, null,
                            "The peer did not confirm in time: nothing was paid.");
                    }
                    if ((await payments.GetAsync(agreement.Id, row.TransferId))! is { PeerDone: false } decided && decided.State != ClearingState.Preparing)
                    {
                        if ((await payments.TellPeerAsync(currency, agreement, decided)).PeerDone) moved++;
                        else unreachable.Add((row.Code, row.Agreement));
                    }
                }
                else if (stale)
                {
                    var outcome = await peers.OutcomeAsync(agreement, secret, row.TransferId);
                    if (outcome.State is null) { unreachable.Add((row.Code, row.Agreement)); continue; }
                    // "unknown": the coordinator never recorded it, so it never decided commit (it records before it asks).
                    if (outcome.State.State is not (ClearingState.Committed or ClearingState.Aborted or "unknown")) continue;
                    await participant.DecideLocallyAsync(currency, agreement, row.TransferId, commit: outcome.State.State == ClearingState.Committed);
                    moved++;
                }
            }
        }
    }
}
