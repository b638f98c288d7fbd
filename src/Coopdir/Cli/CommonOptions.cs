using System.CommandLine;

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
}
