using System.CommandLine;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;

namespace Coopdir.Cli;

/// <summary>`coopdir tokens create`: a personal API token, printed once, alone on the last line.</summary>
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
        return new Command("tokens", "Manage API tokens") { create };
    }
}
