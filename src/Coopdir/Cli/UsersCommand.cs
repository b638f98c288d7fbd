using System.CommandLine;
using Coopdir.Core.Accounts;
using Coopdir.Core.Data;

namespace Coopdir.Cli;

/// <summary>`coopdir users add|role|disable|enable|reset-password`: accounts from the command line, e.g. the first admin.</summary>
public static class UsersCommand
{
    public static Command Create()
    {
        var command = new Command("users", "Manage accounts and their roles");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(SetRole());
        command.Subcommands.Add(SetDisabled(true));
        command.Subcommands.Add(SetDisabled(false));
        command.Subcommands.Add(ResetPassword());
        return command;
    }

    private static Command Add()
    {
        var email = new Option<string>("--email") { Description = "The account's email address", Required = true };
        var name = new Option<string?>("--name") { Description = "The name shown on contributions (default: the part of the email before @)" };
        var role = RoleOption();
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (required: passwords never go on the command line)" };
        var command = new Command("add", "Create an account") { email, name, role, passwordStdin };
        command.SetAction(async (parse, _) =>
        {
            if (!parse.GetValue(passwordStdin))
            {
                Console.Error.WriteLine("--password-stdin: required; pipe the password in, e.g. `printf %s \"$PASSWORD\" | coopdir users add ...`");
                return 2;
            }
            var password = Console.In.ReadToEnd().TrimEnd('\r', '\n');
            var address = parse.GetValue(email)!;
            using var store = await Store.For(parse.GetValue(CommonOptions.Database)!).MigrateAsync();
            await using var connection = await store.OpenAsync();
            var (user, errors) = await new Users(TimeProvider.System).CreateAsync(connection, address,
                parse.GetValue(name) ?? address.Split('@')[0], password, parse.GetValue(role)!);
            foreach (var error in errors) Console.Error.WriteLine($"--{error.Field}: {error.Message}");
            if (user is null) return 1;
            Console.WriteLine($"Created {user.Role} account {user.Id} for {user.Email}");
            return 0;
        });
        return command;
    }

    private static Command SetRole()
    {
        var email = AccountOption.Create();
        var role = RoleOption();
        var command = new Command("role", "Change an account's role") { email, role };
        command.SetAction(async (parse, _) =>
        {
            using var store = await Store.For(parse.GetValue(CommonOptions.Database)!).MigrateAsync();
            await using var connection = await store.OpenAsync();
            var user = await AccountOption.FindAsync(connection, parse, email);
            if (user is null) return 1;
            await Users.SetRoleAsync(connection, user.Id, parse.GetValue(role)!);
            Console.WriteLine($"{user.Email} is now {parse.GetValue(role)} (was {user.Role})");
            return 0;
        });
        return command;
    }

    // Disabling ends the account's sessions and refuses its tokens at once; its contributions stay.
    private static Command SetDisabled(bool disable)
    {
        var email = AccountOption.Create();
        var command = new Command(disable ? "disable" : "enable", disable
            ? "Disable an account: it cannot sign in, its sessions end and its API tokens are refused"
            : "Enable a disabled account again (its sessions stay ended; its tokens work again)") { email };
        command.SetAction(async (parse, _) =>
        {
            using var store = await Store.For(parse.GetValue(CommonOptions.Database)!).MigrateAsync();
            await using var connection = await store.OpenAsync();
            var user = await AccountOption.FindAsync(connection, parse, email);
            if (user is null) return 1;
            await new Users(TimeProvider.System).SetDisabledAsync(connection, user.Id, disable);
            Console.WriteLine(disable
                ? $"{user.Email} is disabled: its sessions have ended and its API tokens are refused"
                : $"{user.Email} is enabled again");
            return 0;
        });
        return command;
    }

    // For a site that sends no e-mail: the operator passes the link on to the account's owner by other means.
    private static Command ResetPassword()
    {
        var email = AccountOption.Create();
        var baseUrl = new Option<string>("--base-url")
        {
            Description = "The site's public address, for the link (default $Directory__BaseUrl or " + ServeCommand.DefaultUrls + ")",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Directory__BaseUrl") is { Length: > 0 } fromEnvironment ? fromEnvironment : ServeCommand.DefaultUrls,
        };
        var command = new Command("reset-password",
            $"Print a link that lets the account's owner choose a new password (it works once, for {PasswordResets.Lifetime.TotalMinutes:0} minutes)") { email, baseUrl };
        command.SetAction(async (parse, _) =>
        {
            if (Shared.PublicUrl.Problem(parse.GetValue(baseUrl)) is { } problem)
            {
                Console.Error.WriteLine($"--base-url: {problem}");
                return 2;
            }
            using var store = await Store.For(parse.GetValue(CommonOptions.Database)!).MigrateAsync();
            await using var connection = await store.OpenAsync();
            var user = await AccountOption.FindAsync(connection, parse, email);
            if (user is null) return 1;
            if (await new PasswordResets(TimeProvider.System).CreateAsync(connection, user.Email) is not { } created)
            {
                Console.Error.WriteLine($"--email: {user.Email} is disabled, or had {PasswordResets.PerAccountPerHour} reset links in the last hour; try again later");
                return 1;
            }
            Console.WriteLine(Accounts.PasswordResetPages.LinkOf(parse.GetValue(baseUrl)!, created.Token));
            return 0;
        });
        return command;
    }

    private static Option<string> RoleOption()
    {
        var role = new Option<string>("--role") { Description = string.Join(", ", Roles.All), Required = true };
        role.AcceptOnlyFromAmong([.. Roles.All]);
        return role;
    }
}
