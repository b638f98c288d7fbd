using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Coopdir.Tests.Support;

/// <summary>An organization's own website: a second Kestrel on loopback serving whatever the test publishes.</summary>
public sealed class OrganizationWebsite : IAsyncDisposable
{
    private readonly WebApplication app;

    private OrganizationWebsite(WebApplication app)
    {
        this.app = app;
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
    }

    public Uri Address { get; }

    /// <summary>Path → body; anything else is 404.</summary>
    public Dictionary<string, string> Pages { get; } = [];

    public static async Task<OrganizationWebsite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        OrganizationWebsite? website = null;
        app.Run(async context =>
        {
            if (website!.Pages.TryGetValue(context.Request.Path.Value ?? "/", out var body))
            {
                context.Response.ContentType = context.Request.Path.Value!.EndsWith(".txt") ? "text/plain" : "text/html";
                await context.Response.WriteAsync(body);
            }
            else context.Response.StatusCode = StatusCodes.Status404NotFound;
        });
        await app.StartAsync();
        website = new OrganizationWebsite(app);
        return website;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
