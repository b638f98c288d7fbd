using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Coopdir.Core.Data;

/// <summary>
/// The commands of one transaction, each built once and run again with new values, and what the
/// transaction has already done once. An import of a million rows runs each of its statements a
/// million times: built anew every time (as Dapper does), each run would parse its SQL again and
/// make a command and its parameters; reused, SQLite keeps the statement prepared and only new
/// values are bound. Writers are shared (a site has one) and are handed the caller's transaction,
/// so the commands hang off the transaction and go away with it.
/// </summary>
public sealed class TransactionCommands
{
    private static readonly ConditionalWeakTable<DbTransaction, TransactionCommands> ByTransaction = new();

    private readonly DbTransaction transaction;
    private readonly Dictionary<string, ReusedCommand> commands = new(StringComparer.Ordinal);
    private DbBatch? queued;

    private TransactionCommands(DbTransaction transaction) => this.transaction = transaction;

    public static TransactionCommands Of(DbTransaction transaction) =>
        ByTransaction.GetValue(transaction, t => new TransactionCommands(t));

    /// <summary>The command for this SQL in this transaction, with its parameters in the order values will be given.</summary>
    public ReusedCommand For(string sql, params string[] parameterNames)
    {
        if (commands.TryGetValue(sql, out var command)) return command;
        command = new ReusedCommand(this, transaction, sql, parameterNames);
        commands.Add(sql, command);
        return command;
    }

    /// <summary>
    /// Sends the statements queued by <see cref="ReusedCommand.Queue"/>. Every other command of the
    /// transaction sends them first, so they run in order; a write sends them when it ends.
    /// </summary>
    public void Send()
    {
        if (queued is null) return;
        using var batch = queued;
        queued = null;
        batch.ExecuteNonQuery();
    }

    // Statements whose outcome nobody reads go to a server in one round trip where the provider can
    // batch them (Npgsql); one at a time otherwise (SQLite runs in-process: nothing to save).
    internal DbBatchCommand? QueueCommand()
    {
        var connection = transaction.Connection!;
        if (!connection.CanCreateBatch) return null;
        if (queued is null)
        {
            queued = connection.CreateBatch();
            queued.Transaction = transaction;
        }
        var command = queued.CreateBatchCommand();
        queued.BatchCommands.Add(command);
        return command;
    }

    /// <summary>Whether the writers' turn (<see cref="Store.SerializeChanges"/>) is already held: it lasts until the transaction ends.</summary>
    public bool HoldsChangesLock { get; set; }

    /// <summary>
    /// Search vocabulary words this transaction already wrote: writing one again would change nothing.
    /// Kept only for the transaction, since a rollback takes its words away.
    /// </summary>
    public HashSet<string> WrittenTerms { get; } = new(StringComparer.Ordinal);
}

/// <summary>A command of one transaction, run again and again with new values for the same parameters.</summary>
public sealed class ReusedCommand
{
    private readonly TransactionCommands owner;
    private readonly DbCommand command;
    private readonly DbParameter[] parameters;

    internal ReusedCommand(TransactionCommands owner, DbTransaction transaction, string sql, string[] parameterNames)
    {
        this.owner = owner;
        command = transaction.Connection!.CreateCommand();
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
        owner.Send();
        Bind(values);
        return command.ExecuteNonQuery();
    }

    /// <summary>Runs the statement with the transaction's next round trip (see <see cref="TransactionCommands.Send"/>), or now.</summary>
    public void Queue(params ReadOnlySpan<object?> values)
    {
        var queued = owner.QueueCommand();
        if (queued is null)
        {
            Execute(values);
            return;
        }
        if (values.Length != parameters.Length)
            throw new ArgumentException($"{parameters.Length} values expected, {values.Length} given", nameof(values));
        queued.CommandText = command.CommandText;
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = queued.CreateParameter();
            parameter.ParameterName = parameters[i].ParameterName;
            parameter.Value = values[i] ?? DBNull.Value;
            queued.Parameters.Add(parameter);
        }
    }

    public object? Scalar(params ReadOnlySpan<object?> values)
    {
        owner.Send();
        Bind(values);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public DbDataReader Read(params ReadOnlySpan<object?> values)
    {
        owner.Send();
        Bind(values);
        return command.ExecuteReader();
    }

    private void Bind(ReadOnlySpan<object?> values)
    {
        if (values.Length != parameters.Length)
            throw new ArgumentException($"{parameters.Length} values expected, {values.Length} given", nameof(values));
        for (var i = 0; i < values.Length; i++) parameters[i].Value = values[i] ?? DBNull.Value;
    }
}
