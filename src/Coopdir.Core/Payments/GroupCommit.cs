using System.Collections.Concurrent;
using System.Threading.Channels;
using Coopdir.Core.Data;
using Coopdir.Core.Payments.Ledger;
using Microsoft.Extensions.Logging;

namespace Coopdir.Core.Payments;

/// <summary>
/// Movements written together. With durability on, the flush to disk at each commit is most of what a
/// payment costs (SQLite's fsync at synchronous=FULL; PostgreSQL's WAL flush), and one currency's movements take turns
/// anyway (its row, its ledger). So the movements waiting for their turn are written in one write: each inside a
/// savepoint, so a refused one leaves no trace and the others stand, then one commit for all. Nobody is answered
/// before that commit, so an answer still means the movement is on disk. A payer alone waits for no one: a batch
/// starts as soon as there is one movement, and holds the ones that arrived while the last batch was written.
/// On PostgreSQL each currency has its queue, and currencies write side by side; SQLite writes one file at a time
/// whatever the currency, so all its movements share one queue, and a batch (and its flush) is as big as the payers
/// waiting. The price there: a batch that fails fails the movements of every currency in it, and a burst in one
/// currency can make another's movements wait.
/// </summary>
internal sealed class GroupCommit(Store store, TimeProvider clock, ILogger log)
{
    /// <summary>At most this many movements a write: a batch that fails (the disk full, say) fails them all.</summary>
    public const int MaxBatch = 64;

    /// <summary>
    /// A movement that waited longer for its turn (behind a slow or stuck write) is answered busy, not written: its payer
    /// has most likely given up by then, and retries with the same idempotency key, which is safe.
    /// </summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    private static readonly string Busy =
        $"The ledger is busy: this movement waited more than {MaxWait.TotalSeconds:0} seconds for its turn and was not made. Retry with the same idempotency key.";

    private readonly ConcurrentDictionary<long, Lazy<ChannelWriter<Movement>>> queues = new();

    private sealed record Movement(long CurrencyId, Func<WriteSession, CurrencyTurn, Task<PaymentResult<PayTransfer>>> Write, TaskCompletionSource<PaymentResult<PayTransfer>> Answer, long QueuedAt);

    /// <summary>
    /// Runs <paramref name="write"/> inside the next write of its queue, holding the currency's row (<see cref="LedgerLog.LockAsync"/>);
    /// the answer comes once that write is committed. Anything but Done is rolled back to before it.
    /// </summary>
    public Task<PaymentResult<PayTransfer>> WriteAsync(long currencyId, Func<WriteSession, CurrencyTurn, Task<PaymentResult<PayTransfer>>> write)
    {
        var movement = new Movement(currencyId, write, new(TaskCreationOptions.RunContinuationsAsynchronously), clock.GetTimestamp());
        var queue = store.Kind == StoreKind.Sqlite ? 0 : currencyId;
        queues.GetOrAdd(queue, _ => new(Start)).Value.TryWrite(movement);
        return movement.Answer.Task;
    }

    private ChannelWriter<Movement> Start()
    {
        var queue = Channel.CreateUnbounded<Movement>(new UnboundedChannelOptions { SingleReader = true });
        // The worker outlives the payer that started it: it takes none of that request's context (trace, log scope).
        using (ExecutionContext.SuppressFlow()) _ = Task.Run(() => WriteInTurnAsync(queue.Reader));
        return queue.Writer;
    }

    private async Task WriteInTurnAsync(ChannelReader<Movement> queue)
    {
        var batch = new List<Movement>(MaxBatch);
        while (await queue.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && queue.TryRead(out var movement))
                if (clock.GetElapsedTime(movement.QueuedAt) > MaxWait) movement.Answer.TrySetResult(PaymentResult<PayTransfer>.Busy(Busy));
                else batch.Add(movement);
            if (batch.Count > 0) await WriteBatchAsync(batch);
            batch.Clear();
        }
    }

    private async Task WriteBatchAsync(List<Movement> batch)
    {
        var answers = new PaymentResult<PayTransfer>?[batch.Count];
        var failures = new Exception?[batch.Count];
        var committed = false;
        try
        {
            using var writerTurn = await WriterTurns.TakeAsync(store); // released after the session ends
            await using var session = await store.BeginWriteAsync();
            var locked = new HashSet<long>();
            var turns = new Dictionary<long, CurrencyTurn>();
            for (var i = 0; i < batch.Count; i++)
            {
                var currencyId = batch[i].CurrencyId;
                // The lock, the last movement's release and this one's savepoint go with a statement that follows (PostgreSQL).
                if (locked.Add(currencyId)) await LedgerLog.LockAsync(session, currencyId);
                // Outside the movement's try: a lock that cannot be taken (a timeout) fails the write with its own error.
                if (!turns.TryGetValue(currencyId, out var turn)) turns[currencyId] = turn = await CurrencyTurn.ReadAsync(session, currencyId);
                await session.Command("SAVEPOINT movement").QueueAsync();
                try
                {
                    answers[i] = await batch[i].Write(session, turn);
                    // What the movement queued (PostgreSQL sends statements in batches) fails it here, not its neighbour or the commit.
                    await session.SendAsync();
                }
                catch (Exception e)
                {
                    answers[i] = null;
                    failures[i] = e;
                }
                // A statement the store refused may have ended the whole write: then this throws, and nobody is answered yes.
                if (answers[i]?.Outcome is not PaymentOutcome.Done)
                {
                    await session.Command("ROLLBACK TO SAVEPOINT movement").ExecuteAsync();
                    turns.Remove(currencyId); // its log's tail may have moved on past what is now undone: the next movement reads it again
                }
                await session.Command("RELEASE SAVEPOINT movement").QueueAsync();
            }
            await session.CommitAsync();
            committed = true;
        }
        // Committed is what the answers say: a failure after it, while letting go of the connection, is not a failed payment.
        catch (Exception e) when (committed)
        {
            log.LogError(e, "Cleaning up after the committed write of {Count} movement(s) of currencies {Currencies} failed; the movements stand",
                batch.Count, string.Join(", ", batch.Select(m => m.CurrencyId).Distinct()));
        }
        catch (Exception e)
        {
            foreach (var movement in batch) movement.Answer.TrySetException(e);
            return;
        }
        for (var i = 0; i < batch.Count; i++)
            if (failures[i] is { } failure) batch[i].Answer.TrySetException(failure);
            else batch[i].Answer.TrySetResult(answers[i]!);
    }
}

/// <summary>
/// A currency as the write holding its row found it, read once per write instead of once per movement: its settings (cap,
/// fees, precision; an operator's change to them waits for the row) and its log's tail, which each append moves on in memory.
/// Its <c>Reserve</c> and <c>LogSize</c> are as read: the movements in the write change them.
/// </summary>
internal sealed record CurrencyTurn(PayCurrency Currency, LedgerLog.Tail Tail)
{
    public static async Task<CurrencyTurn> ReadAsync(WriteSession session, long currencyId) =>
        new((await PaymentQueries.CurrencyAsync(session, currencyId))!, await LedgerLog.TailAsync(session, currencyId));
}
