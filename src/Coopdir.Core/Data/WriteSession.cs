using System.Data;
using System.Data.Common;
using Dapper;

namespace Coopdir.Core.Data;

/// <summary>
/// One write: the connection and transaction it owns, the commands it reuses, and whether it is a
/// bulk write (an import). Opened by <see cref="Store.BeginWriteAsync"/>; everything that writes
/// takes a session, and nothing else carries a connection and a transaction around.
/// Statements run once per write go through Dapper (<see cref="ExecuteAsync"/>, <see cref="QueryAsync{T}"/>);
/// statements a write runs per child row, or an import per record, are reused commands
/// (<see cref="Command"/>): built once, each run only binds new values, and SQLite keeps them prepared.
/// </summary>
public sealed class WriteSession : IAsyncDisposable
{
    private readonly Dictionary<string, ReusedCommand> commands = new(StringComparer.Ordinal);
    private DbBatch? queued;

    internal WriteSession(Store store, DbConnection connection, DbTransaction transaction, bool bulk)
    {
        Store = store;
        Connection = connection;
        Transaction = transaction;
        Bulk = bulk;
        WrittenLast = new WrittenLast(this);
    }

    internal Store Store { get; }
    public DbConnection Connection { get; }
    public DbTransaction Transaction { get; }

    /// <summary>
    /// A bulk write sends what each record queued with the next record's first round trip rather than
    /// at its end, and writes each search vocabulary word once. Its owner commits.
    /// </summary>
    public bool Bulk { get; }

    /// <summary>The revisions and vocabulary words this write adds, written last (see <see cref="Data.WrittenLast"/>).</summary>
    internal WrittenLast WrittenLast { get; }

    // Each sends what is queued first: a statement must see the rows queued before it.

    public async Task<int> ExecuteAsync(string sql, object? values = null)
    {
        await SendAsync();
        return await Connection.ExecuteAsync(new CommandDefinition(sql, values, Transaction));
    }

    public async Task<T?> ScalarAsync<T>(string sql, object? values = null)
    {
        await SendAsync();
        return await Connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, values, Transaction));
    }

    public async Task<List<T>> QueryAsync<T>(string sql, object? values = null)
    {
        await SendAsync();
        return (await Connection.QueryAsync<T>(new CommandDefinition(sql, values, Transaction))).AsList();
    }

    public async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? values = null)
    {
        await SendAsync();
        return await Connection.QuerySingleOrDefaultAsync<T>(new CommandDefinition(sql, values, Transaction));
    }

    /// <summary>The session's connection, for a reader that runs inside the write: what is queued is sent first.</summary>
    internal async Task<DbConnection> ReadingAsync()
    {
        await SendAsync();
        return Connection;
    }

    /// <summary>The session's command for this SQL, with its parameters in the order values will be given.</summary>
    public ReusedCommand Command(string sql, params string[] parameterNames)
    {
        if (commands.TryGetValue(sql, out var command)) return command;
        command = new ReusedCommand(this, sql, parameterNames);
        commands.Add(sql, command);
        return command;
    }

    /// <summary>After a row was written with an explicit id (a mirror or a restore keeps its source's ids), keeps the table's ids past it.</summary>
    public Task KeepIdsAboveAsync(string table, long id) => Store.KeepIdsAboveAsync(this, table, id);

    /// <summary>An INSERT of one row made to return the row's new id, as the store does it best.</summary>
    internal string ReturningId(string insert) => Store.ReturningId(insert);

    /// <summary>Sends the statements queued by <see cref="ReusedCommand.QueueAsync"/> (a write does at its end; a bulk write's owner before it commits).</summary>
    public async Task SendAsync()
    {
        await using var batch = TakeQueued();
        if (batch is not null) await batch.ExecuteNonQueryAsync();
    }

    public async Task CommitAsync()
    {
        await WrittenLast.WriteAsync();
        await SendAsync();
        await Transaction.CommitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in commands.Values) await command.DisposeAsync();
        if (queued is not null) await queued.DisposeAsync();
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }

    internal DbBatch? TakeQueued()
    {
        var batch = queued;
        queued = null;
        return batch;
    }

    // Statements whose outcome nobody reads go to a server in one round trip where the provider can
    // batch them (Npgsql); one at a time otherwise (SQLite runs in-process: nothing to save).
    internal DbBatch? Queue()
    {
        if (!Connection.CanCreateBatch) return null;
        if (queued is null)
        {
            queued = Connection.CreateBatch();
            queued.Transaction = Transaction;
        }
        return queued;
    }
}
