using Library.BuildingBlocks.Hosting;
using Library.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddLibraryHost(WebModule.Name);
builder.Services.AddWebModule(builder.Configuration);

var app = builder.Build();
app.UseLibraryHost();
app.MapWebEndpoints();
await app.RunLibraryHostAsync(args);
