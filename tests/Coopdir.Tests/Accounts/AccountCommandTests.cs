using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Accounts;

public sealed class AccountCommandTests : SiteTest
{
    private static async Task<CliRun> RunWithInput(string input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(Site).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CliRun(process.ExitCode, await output, await errors);
    }

    [Fact]
    public async Task The_first_admin_is_made_on_the_command_line_and_its_token_works_on_the_api()
    {
        var id = (await Site.SeedAsync(An.Organization()))[0];

        var added = await RunWithInput("a long admin password\n", "users", "add", "--db", Site.StoreSetting, "--email", "Admin@Example.org", "--password-stdin", "--role", "contributor");
        var promoted = await CommandLine.RunAsync("users", "role", "--db", Site.StoreSetting, "--email", "admin@example.org", "--role", "admin");
        var created = await CommandLine.RunAsync("tokens", "create", "--db", Site.StoreSetting, "--email", "admin@example.org");

        Assert.True(added.ExitCode == 0, added.Errors);
        Assert.True(promoted.ExitCode == 0, promoted.Errors);
        Assert.True(created.ExitCode == 0, created.Errors);
        var token = created.Output.TrimEnd().Split('\n')[^1];
        Assert.StartsWith("coopdir_", token);
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/organizations/{id}")
        {
            Content = new StringContent("""{"phone":"0161 000000"}""", System.Text.Encoding.UTF8, "application/merge-patch+json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        Assert.Equal(HttpStatusCode.OK, (await Site.Http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Adding_an_account_with_a_short_password_or_a_taken_email_says_which_field_is_wrong()
    {
        using var store = new TemporaryStore();
        var shortPassword = await RunWithInput("short", "users", "add", "--db", store.Setting, "--email", "a@example.org", "--password-stdin", "--role", "editor");
        await RunWithInput("a long enough password", "users", "add", "--db", store.Setting, "--email", "b@example.org", "--password-stdin", "--role", "editor");
        var taken = await RunWithInput("a long enough password", "users", "add", "--db", store.Setting, "--email", "b@example.org", "--password-stdin", "--role", "editor");

        Assert.Equal(1, shortPassword.ExitCode);
        Assert.Contains("--password: must be at least 10 characters", shortPassword.Errors);
        Assert.Equal(1, taken.ExitCode);
        Assert.Contains("--email: already has an account", taken.Errors);
    }
}
