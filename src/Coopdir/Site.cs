using Coopdir.Accounts;
using Coopdir.Areas;
using Coopdir.Changes;
using Coopdir.CivicProblems;
using Coopdir.Claims;
using Coopdir.Core.Data;
using Coopdir.Currencies;
using Coopdir.Duplicates;
using Coopdir.Edits;
using Coopdir.Exports;
using Coopdir.History;
using Coopdir.Home;
using Coopdir.Organizations;
using Coopdir.Payments;
using Coopdir.Relationships;
using Coopdir.ReportedProblems;
using Coopdir.Reconciliation;
using Coopdir.Review;
using Coopdir.Safety;
using Coopdir.Search;
using Coopdir.Shared;
using Coopdir.Solutions;
using Coopdir.Sources;
using Coopdir.Statistics;
using Coopdir.VocabularyPublishing;

namespace Coopdir;

/// <summary>The web host: services, middleware and every feature's endpoints, in one readable list.</summary>
public static class Site
{
    public static async Task<WebApplication> BuildAsync(SiteSettings settings, string[]? args = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args ?? [],
            // Static files and demo data ship beside the binary, wherever the command is run from.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.ConfigureKestrel(o =>
        {
            // The default body limit is an edit's; endpoints that take more (imports, reconciliation batches) say so.
            o.Limits.MaxRequestBodySize = Core.Input.InputLimits.EditBodyBytes;
            o.Limits.MinRequestBodyDataRate = new(Core.Input.InputLimits.MinBodyBytesPerSecond, TimeSpan.FromSeconds(Core.Input.InputLimits.SlowBodyGraceSeconds));
            o.Limits.MaxRequestHeadersTotalSize = Core.Input.InputLimits.MaxRequestHeadersBytes;
        });

        builder.Services.AddStore(settings.StoreSetting);
        builder.Services.AddSiteOptions(builder.Configuration);
        builder.Services.AddApi();
        builder.Services.AddPages();
        builder.Services.AddAccounts(builder.Configuration);
        builder.Services.AddRateLimits(builder.Configuration);
        builder.Services.AddTrustedProxies();
        builder.Services.AddExportCompression();
        builder.Services.AddEdits();
        builder.Services.AddCivicProblems();
        builder.Services.AddPayments();
        builder.Services.AddClearing(builder.Configuration);
        builder.Services.AddClaims(builder.Configuration);
        builder.Services.AddReconciliation();

        var app = builder.Build();
        try
        {
            if (await app.Services.GetRequiredService<Store>().WhyReadOnlyAsync() is { } readOnly)
                throw new StoreReadOnlyException($"{readOnly}: serve needs to write to it (`coopdir export` can still read it)");
            var store = await app.Services.GetRequiredService<Store>().MigrateAsync();
            if (settings.LoadDemoData)
            {
                await DemoData.LoadAreasIfEmptyAsync(store, app.Services.GetRequiredService<TimeProvider>(), app.Logger);
                await DemoData.LoadIfEmptyAsync(store, app.Services.GetRequiredService<TimeProvider>(), app.Logger);
            }
        }
        catch
        {
            // The store was unreachable or refused the schema: the caller may try again with a new host.
            await app.DisposeAsync();
            throw;
        }

        app.UseTrustedProxies();
        app.UseHeadAsGet();
        app.UseRouting();
        app.UseExceptionHandler();
        app.UseHsts();
        app.UseSecurityHeaders();
        app.UseErrorResponses();
        app.UseAllowedHosts();
        app.UseExportCompression();
        app.UseStaticFiles();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapApiReference();
        app.MapHome();
        app.MapSearch();
        app.MapOrganizations();
        app.MapChanges();
        app.MapStatistics();
        app.MapVocabularies();
        app.MapExports();
        app.MapEdits();
        app.MapReview();
        app.MapDuplicates();
        app.MapHistory();
        app.MapClaims();
        app.MapConfirmations();
        app.MapProblemReports();
        app.MapCivicProblems();
        app.MapRelationships();
        app.MapPublishedRelationships();
        app.MapNetworks();
        app.MapRelationshipGraph();
        app.MapCurrencies();
        app.MapPayments();
        app.MapClearing();
        app.MapSolutionCatalogue();
        app.MapSources();
        Solutions.PublicCodeEndpoints.MapPublicCode(app);
        app.MapAreas();
        app.MapReconciliation();
        app.MapIdentifiers();
        app.MapAccounts();
        return app;
    }
}
