from django.urls import path

from news import feeds, views

app_name = "news"

N = "nyheter/"
P = "publikationer/"

urlpatterns = [
    path(N, views.index, name="index"),
    path(f"{N}ny/", views.news_create, name="news_create"),
    path(f"{N}atom.xml", feeds.NewsAtom(), name="feed_atom"),
    path(f"{N}rss.xml", feeds.NewsRss(), name="feed_rss"),
    path(f"{N}<int:pk>/", views.detail, name="detail_short"),
    path(f"{N}<int:pk>/bild", views.image, name="image"),
    path(f"{N}<int:pk>/redigera/", views.news_edit, name="news_edit"),
    path(f"{N}<int:pk>/ta-bort/", views.news_delete, name="news_delete"),
    path(f"{N}<int:pk>/<slug:title_slug>/", views.detail, name="detail"),
    path(P, views.publications, name="publications"),
    path(f"{P}ny/", views.publication_create, name="publication_create"),
    path(f"{P}<int:pk>/fil", views.publication_file, name="publication_file"),
    path(f"{P}<int:pk>/redigera/", views.publication_edit, name="publication_edit"),
    path(f"{P}<int:pk>/ta-bort/", views.publication_delete, name="publication_delete"),
]
