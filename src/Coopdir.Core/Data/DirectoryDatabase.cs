using Microsoft.Data.Sqlite;

namespace Coopdir.Core.Data;

/// <summary>The directory's SQLite file: opens connections set up the same way everywhere.</summary>
public sealed class DirectoryDatabase
{
    public DirectoryDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    public string ConnectionString { get; }

    public SqliteConnection Open()
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);

        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        // WAL lets readers run beside the one writer; synchronous=FULL makes every
        // acknowledged commit survive a crash or power cut, not only a killed process.
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            PRAGMA foreign_keys = ON;
            PRAGMA busy_timeout = 30000;
            """);
        GeoFunctions.Register(connection);
        return connection;
    }

    /// <summary>Creates the file if needed and brings its schema up to date.</summary>
    public DirectoryDatabase Migrate()
    {
        using var connection = Open();
        Migrations.Apply(connection);
        return this;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
