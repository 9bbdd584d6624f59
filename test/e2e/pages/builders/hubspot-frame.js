// HubSpot's embed code in its frame mode: the form lives in a frame, here from the origin the page's `?frame=`
// names (the page's own by default), and posts its callbacks to this page.
(function () {
  var origin = new URLSearchParams(location.search).get('frame') || '';
  var frame = document.createElement('iframe');
  frame.className = 'hs-form-iframe';
  frame.title = 'Form 0';
  frame.src = origin + '/test/e2e/pages/builders/hubspot-frame-form.html';
  document.getElementById('hbspt-form-df89d099').appendChild(frame);
})();
