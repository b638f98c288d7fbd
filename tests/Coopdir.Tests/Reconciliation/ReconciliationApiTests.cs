using System.Net;
using System.Text.Json.Nodes;
using Coopdir.Core.Organizations;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Reconciliation;

public sealed class ReconciliationApiTests : SiteTest
{
    private static SchemaSet V02 => OfficialSchemas.Reconciliation02;
    private static SchemaSet V1 => OfficialSchemas.Reconciliation10;

    // Ten organizations a spreadsheet names, written differently there, and one namesake each for some.
    private async Task<List<long>> SeedAsync()
    {
        var network = (await Site.SeedAsync(An.Organization("Co-operatives North", "network").In("GB", "Leeds")))[0];
        return await Site.SeedAsync(
            An.Organization("Leeds Bread Co-operative Limited").In("GB", "Leeds", postcode: "LS6 1AA").MemberOf(network) with { Website = "https://leedsbread.coop" },
            An.Organization("Unicorn Grocery Ltd").In("GB", "Manchester", 53.44, -2.27, postcode: "M21 0BN")
                with { Identifiers = [new Identifier("GB-MPR", "25488R"), new Identifier("coops-uk", "R000123")] },
            An.Organization("Suma Wholefoods").In("GB", "Elland", postcode: "HX5 9DU") with { Identifiers = [new Identifier("GB-COH", "01234567")] },
            An.Organization("Phoenix Housing Co-operative 2").In("GB", "Sheffield", postcode: "S1 2AB"),
            An.Organization("Phoenix Housing Co-operative 3").In("GB", "Sheffield", postcode: "S3 7QT"),
            An.Organization("Riverside Community Energy").In("GB", "Bristol", postcode: "BS1 4DJ"),
            An.Organization("Riverside Community Energy").In("GB", "Cardiff", postcode: "CF10 1AA"),
            An.Organization("Brighton & Hove Food Partnership").In("GB", "Brighton", postcode: "BN1 1AB"),
            An.Organization("Ecopolis Civic Lab", "civic-tech").In("DE", "Berlin") with { Identifiers = [new Identifier("github", "ecopolis")] },
            An.Organization("Cooperativa Agrícola San José").In("ES", "Valencia"),
            An.Organization("Mondragon Corporation", "network").In("ES", "Arrasate") with { Identifiers = [new Identifier("wikidata", "Q1147483")] });
    }

    [Fact]
    public async Task OpenRefine_reconciles_a_batch_of_ten_with_properties_then_extends_the_matched_rows()
    {
        var ids = await SeedAsync();
        var manifest = await Site.Http.GetValidAsync("/reconcile", "manifest.json", V02);
        Assert.Equal(Vocabularies.Kind.Terms.Select(t => t.Code), manifest["defaultTypes"]!.AsArray().Select(t => (string)t!["id"]!));

        var queries = new JsonObject
        {
            ["q0"] = Query("leeds bread coop", ("country", "GB"), ("website", "leedsbread.coop")),
            ["q1"] = Query("Unicorn Groceries", ("registered-number", "25488R")),
            ["q2"] = Query("SUMA WHOLEFOODS LTD", ("postcode", "HX5 9DU")),
            ["q3"] = Query("Phoenix Housing Coop 3", ("locality", "Sheffield")),
            ["q4"] = Query("Riverside Community Energy"),
            ["q5"] = Query("Riverside Community Energy Ltd", ("postcode", "CF10 1AA")),
            ["q6"] = Query("Brighton and Hove Food Partnership"),
            ["q7"] = Query("Ecopolis", ("github", "ecopolis")),
            ["q8"] = Query("Cooperativa Agricola San Jose", ("coordinates", "39.47,-0.37")),
            ["q9"] = Query("Mondragon", ("country", "FR")),
        };
        queries["q7"]!["type"] = "civic-tech";
        var results = await Site.Http.PostFormAsync("/reconcile", "queries", queries, "reconciliation-result-batch.json", V02);

        string? Top(string q) => (string?)results[q]!["result"]!.AsArray().FirstOrDefault()?["id"];
        bool Matched(string q) => results[q]!["result"]!.AsArray().FirstOrDefault()?["match"]?.GetValue<bool>() == true;
        Assert.Equal(ids[0].ToString(), Top("q0"));
        Assert.True(Matched("q0"), results["q0"]!.ToJsonString());
        Assert.Equal(100, (double)results["q1"]!["result"]![0]!["score"]!);
        Assert.True(Matched("q1"));
        Assert.True(Matched("q2"));
        Assert.Equal(ids[4].ToString(), Top("q3"));
        // Two namesakes and nothing to tell them apart: candidates, but no match.
        Assert.Equal(2, results["q4"]!["result"]!.AsArray().Count);
        Assert.False(Matched("q4"));
        Assert.Equal(ids[6].ToString(), Top("q5"));
        Assert.True(Matched("q5"));
        Assert.True(Matched("q6"), results["q6"]!.ToJsonString());
        Assert.True(Matched("q7"));
        Assert.Equal(ids[9].ToString(), Top("q8"));
        // Another country weighs against the name: still the candidate, never a match.
        Assert.Equal(ids[10].ToString(), Top("q9"));
        Assert.False(Matched("q9"));
        var features = results["q0"]!["result"]![0]!["features"]!.AsArray().Select(f => (string)f!["id"]!).ToList();
        Assert.Equal(["name", "country", "website"], features);

        var matched = queries.Select(q => q.Key).Where(Matched).Select(q => Top(q)!).ToList();
        var extension = await Site.Http.PostFormAsync("/reconcile", "extend", new JsonObject
        {
            ["ids"] = new JsonArray(matched.Select(id => (JsonNode?)id).ToArray()),
            ["properties"] = new JsonArray(new[] { "country", "website", "locality", "coordinates", "kind", "networks", "GB-MPR", "wikidata" }
                .Select(p => (JsonNode?)new JsonObject { ["id"] = p }).ToArray()),
        }, "data-extension-response.json", V02);
        var leeds = extension["rows"]![ids[0].ToString()]!;
        Assert.Equal("https://leedsbread.coop", (string?)leeds["website"]![0]!["str"]);
        Assert.Equal("Co-operatives North", (string?)leeds["networks"]![0]!["name"]);
        Assert.Equal("25488R", (string?)extension["rows"]![ids[1].ToString()]!["GB-MPR"]![0]!["str"]);
        Assert.Equal("53.44,-2.27", (string?)extension["rows"]![ids[1].ToString()]!["coordinates"]![0]!["str"]);
        var wikidata = extension["meta"]!.AsArray().Single(m => (string?)m!["id"] == "wikidata")!;
        Assert.Equal("https://wikidata.reconci.link/en/api", (string?)wikidata["service"]);

        var proposals = await Site.Http.GetValidAsync("/reconcile/propose_properties?type=municipality", "data-extension-property-proposal.json", V02);
        var proposed = proposals["properties"]!.AsArray().Select(p => (string)p!["id"]!).ToList();
        Assert.Contains("ocd-division", proposed);
        Assert.DoesNotContain("coops-uk", proposed);
    }

    [Fact]
    public async Task Suggest_preview_and_flyout_answer_in_the_protocol_shapes_and_the_card_encodes_everything()
    {
        var id = (await Site.SeedAsync(An.Organization("Leeds <script>alert(1)</script> Bakers").In("GB", "Leeds")
            .Described("Bread & \"cakes\"") with { Website = "https://bakers.example/?a=\"><script>x</script>" }))[0];

        var entities = await Site.Http.GetValidAsync("/reconcile/suggest/entity?prefix=leeds", "suggest-entities-response.json", V02);
        Assert.Equal(id.ToString(), (string?)entities["result"]![0]!["id"]);
        await Site.Http.GetValidAsync("/reconcile/v1/suggest/entity?prefix=leeds", "suggest-entities-response.json", V1);
        var types = await Site.Http.GetValidAsync("/reconcile/suggest/type?prefix=civ", "suggest-types-response.json", V02);
        Assert.Equal(["civic-tech"], types["result"]!.AsArray().Select(t => (string)t!["id"]!));
        await Site.Http.GetValidAsync("/reconcile/v1/suggest/type?prefix=net", "suggest-types-response.json", V1);
        var properties = await Site.Http.GetValidAsync("/reconcile/suggest/property?prefix=post", "suggest-properties-response.json", V02);
        Assert.Equal(["postcode"], properties["result"]!.AsArray().Select(t => (string)t!["id"]!));
        await Site.Http.GetValidAsync("/reconcile/v1/suggest/property?prefix=GB", "suggest-properties-response.json", V1);

        using var preview = await Site.Http.GetAsync($"/reconcile/preview?id={id}");
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Equal("text/html", preview.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.DoesNotContain("\"><script>x", html);
        Assert.Contains("frame-ancestors *", preview.Headers.GetValues("Content-Security-Policy").Single());
        Assert.False(preview.Headers.Contains("X-Frame-Options"));
        var flyout = await Site.Http.GetJsonAsync($"/reconcile/flyout/entity?id={id}");
        Assert.DoesNotContain("<script>", flyout.GetProperty("html").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Site.Http.GetAsync("/reconcile/preview?id=999999")).StatusCode);
    }

    [Fact]
    public async Task Version_one_matches_by_conditions_extends_and_proposes_with_its_own_shapes()
    {
        var ids = await SeedAsync();
        var manifest = await Site.Http.GetValidAsync("/reconcile/v1", "manifest.json", V1);
        Assert.Equal("1.0-draft", (string?)manifest["versions"]![0]);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/reconcile/v1/match")
        {
            Content = new StringContent(new JsonObject
            {
                ["queries"] = new JsonArray(
                    new JsonObject { ["conditions"] = Conditions(("name", null, "Unicorn Grocery"), ("property", "postcode", "M21 0BN")) },
                    new JsonObject { ["type"] = "network", ["conditions"] = Conditions(("property", "wikidata", "Q1147483")) }),
            }.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.AcceptLanguage.ParseAdd("fr, en;q=0.5");
        using var response = await Site.Http.SendAsync(request);
        var results = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        V1.AssertValid("reconciliation-result-batch.json", results, "1.0 match");
        Assert.Equal("en", response.Content.Headers.ContentLanguage.Single());
        Assert.Equal(ids[1].ToString(), (string?)results["results"]![0]!["candidates"]![0]!["id"]);
        Assert.True((bool)results["results"]![0]!["candidates"]![0]!["match"]!);
        Assert.Equal(ids[10].ToString(), (string?)results["results"]![1]!["candidates"]![0]!["id"]);

        var extension = await Site.Http.PostJsonAsync("/reconcile/v1/extend", new JsonObject
        {
            ["ids"] = new JsonArray(ids[1].ToString(), "999999"),
            ["properties"] = new JsonArray(new JsonObject { ["id"] = "coops-uk" }, new JsonObject { ["id"] = "status" }),
        }, "data-extension-response.json", V1);
        Assert.Equal("R000123", (string?)extension["rows"]![0]!["properties"]![0]!["values"]![0]!["str"]);
        Assert.Empty(extension["rows"]![1]!["properties"]![0]!["values"]!.AsArray());
        await Site.Http.GetValidAsync("/reconcile/v1/extend/propose?type=cooperative", "data-extension-property-proposal.json", V1);
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_problems_and_every_route_allows_any_origin()
    {
        var http = Site.Http;
        await http.ProblemAsync(ReconcileClient.Form("/reconcile", "queries", "{\"q0\": {\"query\": "), HttpStatusCode.BadRequest, "queries");
        await http.ProblemAsync(ReconcileClient.Form("/reconcile", "queries", "{\"q0\": {\"query\": \"x\", \"properties\": [{\"pid\": \"shoe-size\", \"v\": \"9\"}]}}"),
            HttpStatusCode.BadRequest, "queries.q0.properties[0].pid");
        await http.ProblemAsync(ReconcileClient.Form("/reconcile", "queries", "{\"q0\": {\"query\": \"x\", \"type\": \"person\"}}"), HttpStatusCode.BadRequest, "queries.q0.type");
        await http.ProblemAsync(ReconcileClient.Form("/reconcile", "queries", "{\"q0\": {\"query\": \"x\", \"properties\": [{\"pid\": \"coordinates\", \"v\": \"north\"}]}}"),
            HttpStatusCode.BadRequest, "queries.q0.properties[0].v");
        var tooMany = new JsonObject(Enumerable.Range(0, 51).Select(i => KeyValuePair.Create($"q{i}", (JsonNode?)new JsonObject { ["query"] = "x" })));
        await http.ProblemAsync(ReconcileClient.Form("/reconcile", "queries", tooMany.ToJsonString()), HttpStatusCode.RequestEntityTooLarge);
        await http.ProblemAsync(ReconcileClient.Form("/reconcile", "extend", "{\"ids\": [\"1\"], \"properties\": [{\"id\": \"password\"}]}"),
            HttpStatusCode.BadRequest, "extend.properties[0].id");
        await http.ProblemAsync(new HttpRequestMessage(HttpMethod.Post, "/reconcile/v1/match") { Content = new StringContent("{\"queries\": [{\"query\": \"x\"}]}") },
            HttpStatusCode.BadRequest, "queries[0]");
        await http.ProblemAsync(new HttpRequestMessage(HttpMethod.Post, "/reconcile/v1/match") { Content = new StringContent("not json") }, HttpStatusCode.BadRequest, "body");
        await http.ProblemAsync(new HttpRequestMessage(HttpMethod.Get, "/reconcile?callback=alert(1)//"), HttpStatusCode.BadRequest, "callback");
        await http.ProblemAsync(new HttpRequestMessage(HttpMethod.Get, "/reconcile/suggest/entity"), HttpStatusCode.BadRequest, "prefix");

        using var jsonp = await http.GetAsync("/reconcile?callback=jQuery123.done_1");
        Assert.Equal("application/javascript", jsonp.Content.Headers.ContentType?.MediaType);
        var script = await jsonp.Content.ReadAsStringAsync();
        Assert.StartsWith("/**/jQuery123.done_1({", script);
        Assert.EndsWith("});", script);

        using var cors = new HttpRequestMessage(HttpMethod.Get, "/reconcile/suggest/type?prefix=c");
        cors.Headers.Add("Origin", "https://refine.example");
        using var corsResponse = await http.SendAsync(cors);
        Assert.Equal("*", corsResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/reconcile/v1/match");
        preflight.Headers.Add("Origin", "https://refine.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        using var preflightResponse = await http.SendAsync(preflight);
        Assert.True(preflightResponse.IsSuccessStatusCode, $"{preflightResponse.StatusCode}");
        Assert.Equal("*", preflightResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    private static JsonObject Query(string text, params (string Pid, string Value)[] properties) => new()
    {
        ["query"] = text,
        ["properties"] = new JsonArray(properties.Select(p => (JsonNode?)new JsonObject { ["pid"] = p.Pid, ["v"] = p.Value }).ToArray()),
    };

    private static JsonArray Conditions(params (string MatchType, string? PropertyId, string Value)[] conditions) =>
        new(conditions.Select(c =>
        {
            var condition = new JsonObject { ["matchType"] = c.MatchType, ["propertyValue"] = c.Value };
            if (c.PropertyId is not null) condition["propertyId"] = c.PropertyId;
            return (JsonNode?)condition;
        }).ToArray());
}
