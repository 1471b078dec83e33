/* The interview form of the survey (templates/bevraging/interview/invullen.html).

   htmx saves every change in the background (hx-post on the form). This file only makes that
   safer: it says so when an autosave could not reach the server, lets a button that posts the
   whole theme wait for an autosave still under way (so the two never race on the version), drops
   an autosave once the whole theme is being posted, and warns before leaving the page while a
   change is not saved yet. Without this file (or without JavaScript) the form still works. */
(function () {
  "use strict";

  var gewijzigd = 0; // when the user last changed something
  var verstuurd = 0; // when the autosave under way was sent
  var bewaard = 0; // when the last successful save was sent
  var onderweg = false; // an autosave is under way
  var verzonden = false; // the whole theme is being posted
  var wachtend = null; // the button whose submit waits for the autosave under way

  function formulier() {
    return document.getElementById("themaformulier");
  }

  function isFormulier(element) {
    return Boolean(element) && element.id === "themaformulier";
  }

  function toonStatus(tekst) {
    var status = document.getElementById("bewaarstatus");
    if (!status) {
      return;
    }
    var melding = document.createElement("p");
    melding.className = "bewaarstatus__fout";
    melding.textContent = tekst;
    status.replaceChildren(melding);
  }

  function klaar() {
    onderweg = false;
    if (wachtend !== null) {
      var knop = wachtend;
      wachtend = null;
      var form = formulier();
      if (form) {
        form.requestSubmit(knop || undefined);
      }
    }
  }

  function gewijzigdIn(event) {
    if (event.target.form && isFormulier(event.target.form)) {
      gewijzigd = Date.now();
    }
  }

  document.addEventListener("input", gewijzigdIn);
  document.addEventListener("change", gewijzigdIn);

  document.addEventListener("submit", function (event) {
    if (!isFormulier(event.target)) {
      return;
    }
    if (onderweg) {
      event.preventDefault();
      wachtend = event.submitter || false;
      return;
    }
    verzonden = true;
    bewaard = Date.now();
    gewijzigd = 0;
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    if (!isFormulier(event.detail.elt)) {
      return;
    }
    if (verzonden) {
      event.preventDefault();
      return;
    }
    onderweg = true;
    verstuurd = Date.now();
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    if (!isFormulier(event.detail.elt)) {
      return;
    }
    var xhr = event.detail.xhr;
    if (event.detail.successful && xhr && xhr.getResponseHeader("X-Bewaard") === "ja") {
      bewaard = Math.max(bewaard, verstuurd);
    }
    klaar();
  });

  document.addEventListener("htmx:sendError", function (event) {
    if (isFormulier(event.detail.elt)) {
      toonStatus(
        "Niet bewaard: er is geen verbinding met de server. Uw invoer staat nog op het scherm. " +
          "Ze wordt bewaard bij uw volgende wijziging, of klik op Bewaren zodra de verbinding terug is."
      );
      klaar();
    }
  });

  document.addEventListener("htmx:responseError", function (event) {
    if (isFormulier(event.detail.elt)) {
      toonStatus(
        "Niet bewaard: de server kon uw antwoorden nu niet verwerken. Uw invoer staat nog op het " +
          "scherm; klik op Bewaren om het opnieuw te proberen."
      );
      klaar();
    }
  });

  window.addEventListener("beforeunload", function (event) {
    if (gewijzigd > bewaard) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
