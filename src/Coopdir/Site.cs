using Coopdir.Accounts;
using Coopdir.Changes;
using Coopdir.Claims;
using Coopdir.Core.Data;
using Coopdir.Core.Edits;
using Coopdir.Core.Organizations;
using Coopdir.Edits;
using Coopdir.Exports;
using Coopdir.Home;
using Coopdir.Organizations;
using Coopdir.Safety;
using Coopdir.Search;
using Coopdir.Shared;
using Coopdir.Statistics;
using Coopdir.VocabularyPublishing;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace Coopdir;

/// <summary>The web host: services, middleware and every endpoint group, in one readable list.</summary>
public static class Site
{
    public static WebApplication Build(SiteSettings settings, string[]? args = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args ?? [],
            // Static files and demo data ship beside the binary, wherever the command is run from.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(settings.Urls);

        builder.Services.AddOptions<MapOptions>().Bind(builder.Configuration.GetSection("Map"))
            .Validate(o => o.TileUrl.Contains("{z}") && o.MaxPoints > 0, "Map:TileUrl needs {z}/{x}/{y} and Map:MaxPoints must be positive")
            .ValidateOnStart();
        builder.Services.AddOptions<DirectoryOptions>().Bind(builder.Configuration.GetSection("Directory"))
            .Validate(o => Licences.Find(o.DataLicence) is not null, "Directory:DataLicence must be a known licence id")
            .ValidateOnStart();

        var store = Store.For(settings.StoreSetting).Migrate();
        // Registered through a factory so that the host disposes it (and its connection pool) on stop.
        builder.Services.AddSingleton(_ => store);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Coopdir API";
            document.Info.Description = "An open directory of cooperatives and the organizations around them. " +
                "Errors are RFC 9457 problem details; every record states its source and licence.";
            document.Info.License = new() { Name = "Data: CC BY 4.0 unless a record's source says otherwise; code: AGPL-3.0-or-later" };
            return Task.CompletedTask;
        }));
        builder.Services.AddRazorComponents();
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.MimeTypes = ExportsApi.CompressibleMediaTypes;
        });
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "coopdir_antiforgery");
        builder.Services.AddAccounts();
        builder.Services.AddRateLimits(builder.Configuration);
        builder.Services.AddSingleton<OrganizationEdits>();
        builder.Services.AddSingleton<ListingClaims>();
        builder.Services.AddOptions<ClaimOptions>().Bind(builder.Configuration.GetSection("Claims"));
        builder.Services.AddSingleton(provider => new ClaimVerifier(provider.GetRequiredService<IOptions<ClaimOptions>>().Value.AllowPrivateAddresses));
        builder.Services.ConfigureHttpJsonOptions(o => PublicJson.Configure(o.SerializerOptions));

        var app = builder.Build();
        if (settings.LoadDemoData) DemoData.LoadIfEmpty(store, app.Services.GetRequiredService<TimeProvider>(), app.Logger);

        app.UseExceptionHandler();
        app.UseHsts();
        app.UseSecurityHeaders();
        app.UseErrorResponses();
        // Only bulk data is compressed: it holds no secrets, so compression over HTTPS leaks nothing (BREACH).
        app.UseWhen(c => ExportsApi.IsBulkData(c.Request.Path), branch => branch.UseResponseCompression());
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapOpenApi();
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("Coopdir API"));
        app.MapHome();
        app.MapSearch();
        app.MapSuggest();
        app.MapOrganizations();
        app.MapChanges();
        app.MapStatistics();
        app.MapVocabularies();
        app.MapExports();
        app.MapOrganizationEditsApi();
        app.MapProposalsApi();
        app.MapAccountPages();
        app.MapEditPages();
        app.MapReviewPages();
        app.MapHistoryPages();
        app.MapClaimsApi();
        app.MapClaimPages();
        return app;
    }
}
