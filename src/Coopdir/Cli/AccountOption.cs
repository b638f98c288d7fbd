using System.CommandLine;
using System.Data.Common;
using Coopdir.Core.Accounts;

namespace Coopdir.Cli;

/// <summary>--email naming an existing account, for the commands that act on one.</summary>
public static class AccountOption
{
    public static Option<string> Create() => new("--email") { Description = "The account's email address", Required = true };

    /// <summary>The account, or null after saying on standard error that there is none.</summary>
    public static async Task<User?> FindAsync(DbConnection connection, ParseResult parse, Option<string> email)
    {
        var user = await Users.FindByEmailAsync(connection, parse.GetValue(email)!);
        if (user is null) Console.Error.WriteLine($"--email: there is no account for {parse.GetValue(email)}");
        return user;
    }
}
