using System.CommandLine;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;

namespace Coopdir.Cli;

/// <summary>`coopdir tokens create|list|revoke`: personal API tokens (a new one printed once, alone on the last line).</summary>
public static class TokensCommand
{
    public static Command Create()
    {
        var email = AccountOption.Create();
        var label = new Option<string>("--label") { Description = "What the token is for", DefaultValueFactory = _ => "Command line" };
        var create = new Command("create", "Create an API token (shown once; only its hash is kept)") { email, label };
        create.SetAction(async (parse, _) =>
        {
            using var store = await Store.For(parse.GetValue(CommonOptions.Database)!).MigrateAsync();
            await using var connection = await store.OpenAsync();
            var user = await AccountOption.FindAsync(connection, parse, email);
            if (user is null) return 1;
            var token = await new ApiTokens(TimeProvider.System).CreateAsync(connection, user.Id, parse.GetValue(label)!);
            Console.WriteLine($"API token for {user.Email} ({user.Role}); it is shown only now. Send it as: Authorization: Bearer TOKEN");
            Console.WriteLine(token);
            return 0;
        });
        return new Command("tokens", "Manage API tokens") { create, List(), Revoke() };
    }

    private static Command List()
    {
        var email = AccountOption.Create();
        var command = new Command("list", "List an account's live API tokens: id, created, label") { email };
        command.SetAction(async (parse, _) =>
        {
            using var store = await Store.For(parse.GetValue(CommonOptions.Database)!).MigrateAsync();
            await using var connection = await store.OpenAsync();
            var user = await AccountOption.FindAsync(connection, parse, email);
            if (user is null) return 1;
            foreach (var token in await ApiTokens.ListAsync(connection, user.Id))
                Console.WriteLine($"{token.Id}\t{token.CreatedAt:yyyy-MM-dd}\t{token.Label}");
            return 0;
        });
        return command;
    }

    private static Command Revoke()
    {
        var email = AccountOption.Create();
        var id = new Option<long?>("--id") { Description = "The token to revoke (its id, from `tokens list`)" };
        var all = new Option<bool>("--all") { Description = "Revoke every live token of the account" };
        var command = new Command("revoke", "Revoke an API token (--id) or all of an account's tokens (--all); refused at once") { email, id, all };
        command.SetAction(async (parse, _) =>
        {
            if (parse.GetValue(id) is null == !parse.GetValue(all))
            {
                Console.Error.WriteLine("--id, --all: give exactly one of them");
                return 2;
            }
            using var store = await Store.For(parse.GetValue(CommonOptions.Database)!).MigrateAsync();
            await using var connection = await store.OpenAsync();
            var user = await AccountOption.FindAsync(connection, parse, email);
            if (user is null) return 1;
            var tokens = new ApiTokens(TimeProvider.System);
            if (parse.GetValue(all))
            {
                Console.WriteLine($"Revoked {await tokens.RevokeAllAsync(connection, user.Id)} token(s) of {user.Email}");
                return 0;
            }
            if (!await tokens.RevokeAsync(connection, user.Id, parse.GetValue(id)!.Value))
            {
                Console.Error.WriteLine($"--id: {user.Email} has no live token {parse.GetValue(id)}");
                return 1;
            }
            Console.WriteLine($"Revoked token {parse.GetValue(id)} of {user.Email}");
            return 0;
        });
        return command;
    }
}
