using System.Data;
using System.Data.Common;
using Dapper;

namespace Coopdir.Core.Data;

/// <summary>A command of one write session, run again and again with new values for the same parameters.</summary>
public sealed class ReusedCommand : IAsyncDisposable
{
    private readonly WriteSession session;
    private readonly DbCommand command;
    private readonly DbParameter[] parameters;

    internal ReusedCommand(WriteSession session, string sql, string[] parameterNames)
    {
        this.session = session;
        command = session.Connection.CreateCommand();
        command.Transaction = session.Transaction;
        command.CommandText = sql;
        parameters = new DbParameter[parameterNames.Length];
        for (var i = 0; i < parameterNames.Length; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = parameterNames[i];
            command.Parameters.Add(parameters[i]);
        }
    }

    public async Task<int> ExecuteAsync(params object?[] values)
    {
        if (session.TakeQueued() is { } batch)
        {
            await using (batch)
            {
                var own = Append(batch, values);
                await batch.ExecuteNonQueryAsync();
                return own.RecordsAffected;
            }
        }
        Bind(values);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Runs the statement with the session's next round trip (see <see cref="WriteSession.SendAsync"/>), or now; what
    /// it changed can be read once it has been sent.
    /// </summary>
    public async Task<Queued> QueueAsync(params object?[] values)
    {
        if (session.Queue() is not { } batch) return new Queued(null, await ExecuteAsync(values));
        return new Queued(Append(batch, values), 0);
    }

    public async Task<object?> ScalarAsync(params object?[] values)
    {
        await using var reader = await ReadAsync(values);
        var value = await reader.ReadAsync() ? reader.GetValue(0) : null;
        return value is DBNull ? null : value;
    }

    /// <summary>The first row, mapped to <typeparamref name="T"/> as Dapper maps a query's rows, or default when there is none.</summary>
    public async Task<T?> FirstOrDefaultAsync<T>(params object?[] values)
    {
        await using var reader = await ReadAsync(values);
        return await reader.ReadAsync() ? reader.GetRowParser<T>()(reader) : default;
    }

    public async Task<DbDataReader> ReadAsync(params object?[] values)
    {
        if (session.TakeQueued() is { } batch)
        {
            // The batch goes with its reader; it holds nothing that needs disposing once read.
            Append(batch, values);
            var reader = await batch.ExecuteReaderAsync(CommandBehavior.Default);
            // Queued statements return no rows: this command's rows are the last result.
            while (reader.FieldCount == 0 && await reader.NextResultAsync()) { }
            return reader;
        }
        Bind(values);
        return await command.ExecuteReaderAsync();
    }

    public ValueTask DisposeAsync() => command.DisposeAsync();

    private DbBatchCommand Append(DbBatch batch, object?[] values)
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

    private void CheckCount(object?[] values)
    {
        if (values.Length != parameters.Length)
            throw new ArgumentException($"{parameters.Length} values expected, {values.Length} given", nameof(values));
    }

    private void Bind(object?[] values)
    {
        CheckCount(values);
        for (var i = 0; i < values.Length; i++) parameters[i].Value = values[i] ?? DBNull.Value;
    }
}

/// <summary>A statement queued in a write session: the rows it changed, known once the session has sent it.</summary>
public sealed class Queued
{
    private readonly DbBatchCommand? queued;
    private readonly int ran;

    internal Queued(DbBatchCommand? queued, int ran) => (this.queued, this.ran) = (queued, ran);

    public int RowsAffected => queued?.RecordsAffected ?? ran;
}
