using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Coopdir.Core.Data;

/// <summary>
/// The commands of one transaction, each built once and run again with new values. An import of a
/// million rows runs each of its statements a million times: built anew every time (as Dapper
/// does), each run would parse its SQL again and make a command and its parameters; reused, SQLite
/// keeps the statement prepared and only new values are bound. Writers are shared (a site has one)
/// and are handed the caller's transaction, so the commands hang off the transaction.
/// </summary>
public sealed class TransactionCommands
{
    private static readonly ConditionalWeakTable<DbTransaction, TransactionCommands> ByTransaction = new();

    private readonly DbTransaction transaction;
    private readonly DbConnection connection;
    private readonly Dictionary<string, ReusedCommand> commands = new(StringComparer.Ordinal);
    private DbBatch? queued;

    private TransactionCommands(DbTransaction transaction, DbConnection connection)
    {
        this.transaction = transaction;
        this.connection = connection;
    }

    public static TransactionCommands Of(DbTransaction transaction)
    {
        var connection = transaction.Connection ?? throw new InvalidOperationException("The transaction has already ended.");
        // Npgsql hands out the same transaction object again for a connection's next transaction,
        // possibly on another connection object: commands are kept only for the same connection.
        if (ByTransaction.TryGetValue(transaction, out var known) && known.connection == connection) return known;
        var fresh = new TransactionCommands(transaction, connection);
        ByTransaction.AddOrUpdate(transaction, fresh);
        return fresh;
    }

    /// <summary>The command for this SQL in this transaction, with its parameters in the order values will be given.</summary>
    public ReusedCommand For(string sql, params string[] parameterNames)
    {
        if (commands.TryGetValue(sql, out var command)) return command;
        command = new ReusedCommand(this, connection, transaction, sql, parameterNames);
        commands.Add(sql, command);
        return command;
    }

    /// <summary>
    /// Sends the statements queued by <see cref="ReusedCommand.Queue"/>. Every other command of the
    /// transaction takes them along in its own round trip, so they run in order; a write sends them
    /// when it ends, except in a bulk write, whose owner sends them before it commits.
    /// </summary>
    public void Send()
    {
        using var batch = TakeQueued();
        batch?.ExecuteNonQuery();
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
        if (!connection.CanCreateBatch) return null;
        if (queued is null)
        {
            queued = connection.CreateBatch();
            queued.Transaction = transaction;
        }
        return queued;
    }

    /// <summary>The bulk write under way in this transaction, if any.</summary>
    public BulkWrite? Bulk { get; private set; }

    /// <summary>
    /// Starts a stretch of many writes (an import) in which what was done once is not done again.
    /// What it remembers holds only inside the transaction: dispose it with the transaction.
    /// </summary>
    public BulkWrite BeginBulkWrite() => Bulk = new BulkWrite(this);

    public sealed class BulkWrite(TransactionCommands owner) : IDisposable
    {
        /// <summary>Whether the writers' turn (<see cref="Store.SerializeChanges"/>) is held: it lasts until the transaction ends.</summary>
        public bool HoldsChangesLock { get; set; }

        /// <summary>Search vocabulary words already written: writing one again would change nothing.</summary>
        public HashSet<string> WrittenTerms { get; } = new(StringComparer.Ordinal);

        public void Dispose()
        {
            if (owner.Bulk == this) owner.Bulk = null;
        }
    }
}

/// <summary>A command of one transaction, run again and again with new values for the same parameters.</summary>
public sealed class ReusedCommand
{
    private readonly TransactionCommands owner;
    private readonly DbCommand command;
    private readonly DbParameter[] parameters;

    internal ReusedCommand(TransactionCommands owner, DbConnection connection, DbTransaction transaction, string sql, string[] parameterNames)
    {
        this.owner = owner;
        command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        parameters = new DbParameter[parameterNames.Length];
        for (var i = 0; i < parameterNames.Length; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = parameterNames[i];
            command.Parameters.Add(parameters[i]);
        }
    }

    public int Execute(params ReadOnlySpan<object?> values)
    {
        if (owner.TakeQueued() is { } batch)
        {
            using (batch)
            {
                var own = Append(batch, values);
                batch.ExecuteNonQuery();
                return own.RecordsAffected;
            }
        }
        Bind(values);
        return command.ExecuteNonQuery();
    }

    /// <summary>Runs the statement with the transaction's next round trip (see <see cref="TransactionCommands.Send"/>), or now.</summary>
    public void Queue(params ReadOnlySpan<object?> values)
    {
        if (owner.Queue() is { } batch) Append(batch, values);
        else Execute(values);
    }

    public object? Scalar(params ReadOnlySpan<object?> values)
    {
        using var reader = Read(values);
        var value = reader.Read() ? reader.GetValue(0) : null;
        return value is DBNull ? null : value;
    }

    public DbDataReader Read(params ReadOnlySpan<object?> values)
    {
        if (owner.TakeQueued() is { } batch)
        {
            // The batch goes with its reader; it holds nothing that needs disposing once read.
            Append(batch, values);
            var reader = batch.ExecuteReader(CommandBehavior.Default);
            // Queued statements return no rows: this command's rows are the last result.
            while (reader.FieldCount == 0 && reader.NextResult()) { }
            return reader;
        }
        Bind(values);
        return command.ExecuteReader();
    }

    private DbBatchCommand Append(DbBatch batch, ReadOnlySpan<object?> values)
    {
        CheckCount(values);
        var appended = batch.CreateBatchCommand();
        appended.CommandText = command.CommandText;
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = appended.CreateParameter();
            parameter.ParameterName = parameters[i].ParameterName;
            parameter.Value = values[i] ?? DBNull.Value;
            appended.Parameters.Add(parameter);
        }
        batch.BatchCommands.Add(appended);
        return appended;
    }

    private void CheckCount(ReadOnlySpan<object?> values)
    {
        if (values.Length != parameters.Length)
            throw new ArgumentException($"{parameters.Length} values expected, {values.Length} given", nameof(values));
    }

    private void Bind(ReadOnlySpan<object?> values)
    {
        CheckCount(values);
        for (var i = 0; i < values.Length; i++) parameters[i].Value = values[i] ?? DBNull.Value;
    }
}
