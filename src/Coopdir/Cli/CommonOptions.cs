using System.CommandLine;
using Coopdir.Core.Data;

namespace Coopdir.Cli;

public static class CommonOptions
{
    public const string DefaultDatabasePath = "./data/coopdir.db";

    /// <summary>--db, taken by every command; COOPDIR_DB sets the default.</summary>
    public static readonly Option<string> Database = new("--db")
    {
        Description = $"The directory's store: a SQLite file or a PostgreSQL connection string (default {DefaultDatabasePath}, or $COOPDIR_DB)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("COOPDIR_DB") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : DefaultDatabasePath,
    };

    /// <summary>--verbose: a failure is printed whole, with its stack trace, instead of in one line.</summary>
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "On a failure, print the whole error with its stack trace",
        Recursive = true,
    };

    /// <summary>A failure in one line for a terminal: the condition named when it is one (disk full, read-only, busy).</summary>
    public static string OneLine(Exception e, string storeSetting)
    {
        var store = PostgresSafe(storeSetting);
        var line = StoreConditions.Describe(e, store)
            ?? (e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 }
                ? $"the database {store} stayed locked by another process; try again when it is done"
                : $"{e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
        return $"coopdir: {line} (--verbose prints the details)";
    }

    // A connection string may carry a password: print the store as the store describes itself.
    private static string PostgresSafe(string setting)
    {
        using var store = Store.For(setting);
        return store.Description;
    }
}
